import { createHash } from 'node:crypto';
import { normaliseTitle } from './normaliseTitle.js';

/** 12 hex chars = 48 bits: collisions are negligible for corpora of millions of papers. */
const HASH_CHARS = 12;

/**
 * A stable id for a paper that comes without one (the seed page has none): the same title
 * gives the same id across runs and sources, so exports and reports can be joined.
 *
 * `t-` + the first 12 hex chars of sha256(normalised title). When the title normalises to
 * nothing (e.g. only LaTeX), the trimmed raw title is hashed so such papers stay distinct.
 */
export function paperIdFromTitle(title: string): string {
  const key = normaliseTitle(title) || title.trim();
  const hex = createHash('sha256').update(key, 'utf8').digest('hex');
  return `t-${hex.slice(0, HASH_CHARS)}`;
}
