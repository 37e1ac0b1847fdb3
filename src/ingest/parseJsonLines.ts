import type { IngestIssue, IngestResult, Paper } from '../types.js';
import { recordIdentity } from './recordIdentity.js';
import { splitLines } from './parseSeedPage.js';
import { collapseWhitespace } from '../text/collapseWhitespace.js';

/** The usable papers of a JSON Lines file and the lines that were skipped. */
export type JsonLinesParse = Pick<IngestResult, 'papers' | 'issues'>;

type JsonObject = Record<string, unknown>;

/** A field value or the problem that makes the whole line unusable. */
type Field<T> = { value: T | undefined } | { problem: string };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `typeof` with arrays and null named, so type problems read naturally. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A required text field (the abstract): whitespace collapsed, must not end up empty. */
function requiredText(record: JsonObject, name: string, aliases: readonly string[] = []): Field<string> {
  const key = [name, ...aliases].find((k) => record[k] !== undefined && record[k] !== null);
  if (key === undefined) return { problem: `missing ${name}` };
  const raw = record[key];
  if (typeof raw !== 'string') return { problem: `${key} must be a string, got ${typeName(raw)}` };
  const value = collapseWhitespace(raw);
  return value === '' ? { problem: `empty ${name}` } : { value };
}

/**
 * The title, whitespace collapsed; missing, null or blank means the record has none (its
 * title is then derived from the abstract), but a non-string is a problem.
 */
function optionalTitle(record: JsonObject): Field<string> {
  const raw = record.title;
  if (raw === undefined || raw === null) return { value: undefined };
  if (typeof raw !== 'string') return { problem: `title must be a string, got ${typeName(raw)}` };
  const value = collapseWhitespace(raw);
  return { value: value === '' ? undefined : value };
}

/**
 * An optional text field. `null` and empty strings mean absent, as exporters write either.
 * Numbers are accepted for `id` only: many datasets number their rows.
 */
function optionalText(record: JsonObject, name: string, allowNumber = false): Field<string> {
  const raw = record[name];
  if (raw === undefined || raw === null) return { value: undefined };
  if (allowNumber && typeof raw === 'number' && Number.isFinite(raw)) return { value: String(raw) };
  if (typeof raw !== 'string') return { problem: `${name} must be a string, got ${typeName(raw)}` };
  const value = raw.trim();
  return { value: value === '' ? undefined : value };
}

/** `labels`: an array of strings. */
function optionalLabels(record: JsonObject): Field<string[]> {
  const raw = record.labels;
  if (raw === undefined || raw === null) return { value: undefined };
  if (!Array.isArray(raw) || !raw.every((l) => typeof l === 'string')) {
    return { problem: 'labels must be an array of strings' };
  }
  const value = raw.map((l: string) => l.trim()).filter((l) => l !== '');
  return { value: value.length > 0 ? value : undefined };
}

/**
 * `authors`: an array of names or of `{name}` objects (arXiv and Semantic Scholar dumps use
 * both); a single string is taken as one entry rather than guessing how to split it.
 */
function optionalAuthors(record: JsonObject): Field<string[]> {
  const raw = record.authors;
  if (raw === undefined || raw === null) return { value: undefined };
  if (!Array.isArray(raw) && typeof raw !== 'string') {
    return { problem: `authors must be an array, got ${typeName(raw)}` };
  }
  const names: string[] = [];
  for (const entry of typeof raw === 'string' ? [raw] : raw) {
    const name: unknown = isObject(entry) ? entry.name : entry;
    if (typeof name !== 'string') return { problem: 'authors must be strings or objects with a string name' };
    if (name.trim() !== '') names.push(collapseWhitespace(name));
  }
  return { value: names.length > 0 ? names : undefined };
}

function valueOf<T>(field: Field<T>): T | undefined {
  return 'value' in field ? field.value : undefined;
}

/** Copies only the defined entries, so absent optional fields are absent keys, not `undefined`. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key in fields) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

/**
 * Turns one parsed JSON value into a paper, or lists every problem with it at once so the
 * user can fix a line in one go. Unknown fields are ignored (benchmarks carry extras). A
 * record without a title is a paper (see recordIdentity); one without an abstract is not.
 */
export function paperFromJson(value: unknown): Paper | { problems: string[] } {
  if (!isObject(value)) {
    const hint = Array.isArray(value) ? ' (a JSON array file must become JSON Lines: one paper object per line)' : '';
    return { problems: [`not a JSON object (got ${typeName(value)})${hint}`] };
  }
  const title = optionalTitle(value);
  const abstract = requiredText(value, 'abstract', ['summary']);
  const id = optionalText(value, 'id', true);
  const date = optionalText(value, 'date');
  const label = optionalText(value, 'label');
  const url = optionalText(value, 'url');
  const labels = optionalLabels(value);
  const authors = optionalAuthors(value);

  const problems = [title, abstract, id, date, label, labels, authors, url].flatMap((f) =>
    'problem' in f ? [f.problem] : [],
  );
  const titleText = valueOf(title);
  const abstractText = valueOf(abstract);
  if (problems.length > 0 || abstractText === undefined) return { problems };

  // Fields are copied, not spread: spreading the identity is measurably slower (docs/performance.md).
  const identity = recordIdentity(valueOf(id), titleText, abstractText);
  return {
    id: identity.id,
    title: identity.title,
    abstract: abstractText,
    ...definedOnly({
      titleDerived: identity.titleDerived,
      date: valueOf(date),
      label: valueOf(label),
      labels: valueOf(labels),
      authors: valueOf(authors),
      url: valueOf(url),
    }),
  };
}

/**
 * Parses JSON Lines: one paper object per line, blank lines ignored. Every bad line becomes
 * an issue with its 1-based line number and is skipped; the rest of the file still counts.
 *
 * Pure: takes the text and the file name (used only in issues).
 */
export function parseJsonLines(text: string, file: string): JsonLinesParse {
  const papers: Paper[] = [];
  const issues: IngestIssue[] = [];
  splitLines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      issues.push({ file, line, problem: `malformed JSON: ${(error as Error).message}` });
      return;
    }
    const result = paperFromJson(value);
    if ('problems' in result) issues.push({ file, line, problem: result.problems.join('; ') });
    else papers.push(result);
  });
  return { papers, issues };
}
