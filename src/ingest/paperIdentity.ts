import { createHash } from 'node:crypto';
import type { DuplicateRecord, Paper } from '../types.js';
import { normalisePaperId } from './normalisePaperId.js';
import { normaliseTitle } from './normaliseTitle.js';
import { isDerivedPaperId } from './paperId.js';

/** Why a record was taken for a paper already kept. */
export type DuplicateRule = DuplicateRecord['rule'];

/** The fields the rule looks at, so stored rows can be compared without a full `Paper`. */
export type PaperText = Pick<Paper, 'id' | 'title' | 'abstract'>;

/** 16 hex chars = 64 bits: only a lookup key, every hit is confirmed by `duplicateRule`. */
const CONTENT_KEY_CHARS = 16;

/** The comparison form of a title, or its trimmed text when it normalises to nothing. */
export function titleKey(paper: Pick<Paper, 'title'>): string {
  return normaliseTitle(paper.title) || paper.title.trim();
}

/** The comparison form of an abstract: the normalisation titles get (case, punctuation, spacing, Unicode forms). */
export function abstractKey(paper: Pick<Paper, 'abstract'>): string {
  return normaliseTitle(paper.abstract) || paper.abstract.trim();
}

/**
 * A short fixed-length key of title and abstract together, for indexing. The store keeps
 * it (papers.content_key): changing its definition needs a migration that recomputes it.
 */
export function contentKey(paper: Pick<Paper, 'title' | 'abstract'>): string {
  return createHash('sha256').update(`${titleKey(paper)}\u0000${abstractKey(paper)}`, 'utf8').digest('hex').slice(0, CONTENT_KEY_CHARS);
}

/** False when the id was derived by us from the text (`t-...`, `a-...`): the record came without one. */
export function hasSourceId(paper: Pick<Paper, 'id'>): boolean {
  return !isDerivedPaperId(paper.id);
}

/**
 * Whether `candidate` is the paper `kept`, and by which rule; the one definition ingest and
 * the store share.
 *
 * - Both have source ids: one paper exactly when the normalised ids match (arXiv forms
 *   and versions are one id). Distinct ids are distinct papers whatever their titles:
 *   "Erratum", "Rejoinder", a forum subject line.
 * - At least one has no source id: one paper exactly when the normalised titles match and
 *   the abstracts match. Abstracts match when their normalised forms are identical: case,
 *   punctuation, spacing and Unicode forms are ignored, any changed, added or missing word
 *   makes them different papers. (Exact, not a similarity threshold: it can be indexed, so
 *   no pairwise comparisons, and it never merges two real papers that differ.)
 */
export function duplicateRule(candidate: PaperText, kept: PaperText): DuplicateRule | undefined {
  if (hasSourceId(candidate) && hasSourceId(kept)) {
    return normalisePaperId(candidate.id) === normalisePaperId(kept.id) ? 'same id' : undefined;
  }
  return titleKey(candidate) === titleKey(kept) && abstractKey(candidate) === abstractKey(kept) ? 'same title and abstract' : undefined;
}
