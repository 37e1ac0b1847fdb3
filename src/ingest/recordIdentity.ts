import type { Paper } from '../types.js';
import { normalisePaperId } from './normalisePaperId.js';
import { paperIdFromAbstract, paperIdFromTitle } from './paperId.js';
import { titleFromAbstract } from './titleFromAbstract.js';

/**
 * The id and title of a record as every parser and source makes them: the source id
 * normalised (arXiv forms become one id), else an id derived from the title. A record
 * without a title is still a paper: its title is derived from the abstract and marked
 * `titleDerived`, and without a source id its id comes from the abstract, so distinct
 * title-less papers keep distinct ids.
 *
 * `title` is expected whitespace-collapsed; empty or undefined means none.
 */
export function recordIdentity(sourceId: string | undefined, title: string | undefined, abstract: string): Pick<Paper, 'id' | 'title' | 'titleDerived'> {
  const id = sourceId === undefined ? '' : normalisePaperId(sourceId);
  if (title !== undefined && title !== '') return { id: id || paperIdFromTitle(title), title };
  return { id: id || paperIdFromAbstract(abstract), title: titleFromAbstract(abstract), titleDerived: true };
}
