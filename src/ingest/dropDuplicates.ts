import type { Paper } from '../types.js';
import { normaliseTitle } from './normaliseTitle.js';

/**
 * Removes repeated papers, keeping the first occurrence and the original order. Two papers
 * are the same when they share an id, or a normalised title (merged sources give the same
 * paper different ids); duplicates would otherwise pull clusters and inflate theme sizes.
 * Titles that normalise to nothing are compared by id only.
 */
export function dropDuplicates(papers: readonly Paper[]): { papers: Paper[]; dropped: number } {
  const seenIds = new Set<string>();
  const seenTitles = new Set<string>();
  const kept: Paper[] = [];
  for (const paper of papers) {
    const title = normaliseTitle(paper.title);
    if (seenIds.has(paper.id) || (title !== '' && seenTitles.has(title))) continue;
    seenIds.add(paper.id);
    if (title !== '') seenTitles.add(title);
    kept.push(paper);
  }
  return { papers: kept, dropped: papers.length - kept.length };
}
