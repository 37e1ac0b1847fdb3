/**
 * arXiv ids in every way sources write them, as one regular expression: an optional
 * `arXiv:` prefix, abs/pdf address or arXiv DOI, then the id, an optional version and an
 * optional `.pdf`. Group 1 is a new-style id (`1811.00783`, 2007 on); groups 2 and 3 are the
 * archive and number of an old-style one (`hep-th/9901001`), with the subject class of
 * forms like `math.GT/0309136` left out (numbers are unique per archive, so it adds nothing).
 */
const ARXIV_ID = new RegExp(
  '^(?:arxiv:\\s*|(?:https?://)?(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/|(?:https?://(?:dx\\.)?doi\\.org/)?10\\.48550/arxiv\\.)?' +
    '(?:(\\d{4}\\.\\d{4,5})|([a-z]+(?:-[a-z]+)*)(?:\\.[a-z]{2})?/(\\d{7}))' +
    '(?:v\\d+)?(?:\\.pdf)?$',
  'i',
);

/** A new-style id already in normal form: the common case, answered without captures. */
const NORMAL_NEW_STYLE = /^\d{4}\.\d{4,5}$/;

/**
 * The id by which a paper is known everywhere (ingest, duplicates, the store): the same
 * arXiv paper reaches us as `arXiv:1811.00783`, `1811.00783v2` or
 * `https://arxiv.org/abs/1811.00783v1`, and all of them are `1811.00783` (old style:
 * `hep-th/9901001`, archive lower-cased). Versions are dropped because they are the same
 * paper. Any other id is only trimmed.
 */
export function normalisePaperId(id: string): string {
  if (NORMAL_NEW_STYLE.test(id)) return id;
  const trimmed = id.trim();
  const match = ARXIV_ID.exec(trimmed);
  if (match === null) return trimmed;
  return match[1] ?? `${match[2].toLowerCase()}/${match[3]}`;
}

/** True when `id` is an arXiv id in one of the forms `normalisePaperId` understands. */
export function isArxivId(id: string): boolean {
  return ARXIV_ID.test(id.trim());
}
