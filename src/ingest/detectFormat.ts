import type { InputFormat } from '../types.js';
import { IngestError } from './ingestErrors.js';
import { isSeedDateLine, isSeedHeaderLine, looksLikeAbstract, splitLines } from './parseSeedPage.js';

/** Extensions we trust over content; `.json` files in this project hold one paper per line. */
const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.csv': 'csv',
  '.txt': 'seed-page',
};

/** Lines looked at when sniffing: enough to see a few title/abstract pairs. */
const SNIFF_LINES = 12;

/** The lower-cased extension after dropping a trailing `.gz` (`a.JSONL.gz` → `.jsonl`). */
function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const name = base.toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/**
 * Seed-page shape without its header: short and long lines alternate, starting with a short
 * one (title, abstract, title, ...), and there is at least one pair.
 */
function alternatesTitleAndAbstract(lines: string[]): boolean {
  if (lines.length < 2) return false;
  return lines.every((line, index) => looksLikeAbstract(line) === (index % 2 === 1));
}

/** Guesses the format from content, for files with no or an unknown extension. */
function sniffFormat(text: string): InputFormat | undefined {
  const lines = splitLines(text)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, SNIFF_LINES);
  const first = lines[0];
  if (first === undefined) return undefined;
  if (first.startsWith('{')) return 'jsonl';
  if (/title/i.test(first) && first.includes(',')) return 'csv';
  if (isSeedHeaderLine(first) || isSeedDateLine(first)) return 'seed-page';
  // The last sniffed line may be cut mid-pair, so only whole pairs are compared.
  if (alternatesTitleAndAbstract(lines.slice(0, lines.length - (lines.length % 2)))) return 'seed-page';
  return undefined;
}

/** A short, printable view of the start of the content for error messages. */
function contentHint(text: string): string {
  const first = splitLines(text).find((l) => l.trim() !== '')?.trim() ?? '';
  return first.length > 40 ? `${first.slice(0, 40)}...` : first;
}

/**
 * Picks the parser for a file: by extension (`.gz` ignored, since readCorpus decompresses
 * first), else by sniffing the decoded text, so piped or oddly named files still work.
 * Throws IngestError when neither tells.
 */
export function detectFormat(fileName: string, text: string): InputFormat {
  const extension = extensionOf(fileName);
  // A JSON object on the first line is JSON Lines whatever the name (a gzipped JSONL
  // download saved as .txt, say); a seed page never starts with "{".
  if (/^\uFEFF?\s*\{/.test(text)) return 'jsonl';
  const byExtension = FORMAT_BY_EXTENSION[extension];
  if (byExtension !== undefined) return byExtension;
  const sniffed = sniffFormat(text.replace(/^\uFEFF/, ''));
  if (sniffed !== undefined) return sniffed;
  const seen = `${extension ? `extension "${extension}"` : 'no known extension'}, content starts ${JSON.stringify(contentHint(text))}`;
  throw new IngestError(fileName, `unknown format (${seen}): expected .txt seed page, .jsonl(.gz) or .csv`);
}
