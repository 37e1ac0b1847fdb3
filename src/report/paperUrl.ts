import type { Paper } from '../types.js';

/** New-style arXiv ids (2007 on), e.g. `2403.01234v2`. */
const NEW_STYLE = /^\d{4}\.\d{4,5}(v\d+)?$/;
/** Old-style arXiv ids, e.g. `hep-th/9901001` or `math.GT/0309136v1`. */
const OLD_STYLE = /^[a-z-]+(\.[A-Z]{2})?\/\d{7}(v\d+)?$/;

/**
 * The web page of a paper, or undefined when none is known. An explicit `url` wins when it
 * is http(s); any other scheme (`javascript:`, `data:`, ...) is dropped, because the report
 * turns this into a clickable link. Otherwise an arXiv id (bare or `arXiv:`-prefixed) gives
 * its abstract page.
 */
export function paperUrl(paper: Pick<Paper, 'id' | 'url'>): string | undefined {
  if (paper.url !== undefined) {
    const url = paper.url.trim();
    if (/^https?:\/\/[^\s]+$/i.test(url)) return url;
  }
  const id = paper.id.replace(/^arxiv:/i, '');
  if (NEW_STYLE.test(id) || OLD_STYLE.test(id)) return `https://arxiv.org/abs/${id}`;
  return undefined;
}
