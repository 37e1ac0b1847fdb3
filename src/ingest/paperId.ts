import { createHash } from 'node:crypto';
import { normaliseTitle } from './normaliseTitle.js';

/** 12 hex chars = 48 bits: collisions are negligible for corpora of millions of papers. */
const HASH_CHARS = 12;
/** The abstract part of a disambiguated id only has to tell apart papers sharing a title. */
const ABSTRACT_HASH_CHARS = 8;

/** Every id this module derives, and nothing a source would plausibly send. */
const DERIVED_ID = /^(?:t-[0-9a-f]{12}(?:-[0-9a-f]{8})?|a-[0-9a-f]{12})$/;

function hash(text: string, chars: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, chars);
}

/** The hashed key of a text: normalised, or trimmed raw when it normalises to nothing (only LaTeX, say). */
function textKey(text: string): string {
  return normaliseTitle(text) || text.trim();
}

/**
 * A stable id for a paper that comes without one (the seed page has none): the same title
 * gives the same id across runs and sources, so exports and reports can be joined.
 *
 * `t-` + the first 12 hex chars of sha256(normalised title). When the title normalises to
 * nothing (e.g. only LaTeX), the trimmed raw title is hashed so such papers stay distinct.
 */
export function paperIdFromTitle(title: string): string {
  return `t-${hash(textKey(title), HASH_CHARS)}`;
}

/**
 * The id of a paper that comes with neither an id nor a title: `a-` + the first 12 hex chars
 * of sha256(normalised abstract), so distinct title-less papers keep distinct ids.
 */
export function paperIdFromAbstract(abstract: string): string {
  return `a-${hash(textKey(abstract), HASH_CHARS)}`;
}

/**
 * The id of a paper without an id whose title another, different paper already holds
 * ("Editorial" twice): the title's id + `-` + 8 hex chars of sha256(normalised abstract).
 * It depends only on the paper's own text, so it is the same in every run and store.
 */
export function paperIdFromTitleAndAbstract(title: string, abstract: string): string {
  return `${paperIdFromTitle(title)}-${hash(textKey(abstract), ABSTRACT_HASH_CHARS)}`;
}

/** True for ids derived here, i.e. for papers that came without a source id. */
export function isDerivedPaperId(id: string): boolean {
  return DERIVED_ID.test(id);
}
