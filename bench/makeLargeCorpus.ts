/**
 * Builds a large benchmark corpus by repeating a JSON Lines corpus with perturbed text, for
 * the scale target (200,000 abstracts on a 2-core, 24 GB machine).
 *
 *   node dist-bench/bench/makeLargeCorpus.js --corpus IN.jsonl.gz --papers 200000 --out OUT.jsonl.gz
 *
 * Copy r >= 1 of a paper gets id `<id>#r`, keeps its label, and has its sentences rotated
 * by r and about 1 word in 8 dropped (seeded by the id and r): every copy is a new text
 * (so no tokens-cache hit and no duplicate title), with the vocabulary and topic of its
 * original. Deterministic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRandom, deriveSeed } from '../src/random/seededRandom.js';

interface Row {
  id: string;
  title: string;
  abstract: string;
  [field: string]: unknown;
}

/** A stable 32-bit number from a string (FNV-1a), to seed each copy. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Copy `r` of a row: sentences rotated by r, ~1/8 of the words dropped, title with a word dropped. */
export function perturb(row: Row, r: number): Row {
  const random = createRandom(deriveSeed(hashString(row.id), r));
  const sentences = row.abstract.split(/(?<=[.!?])\s+/);
  const rotated = sentences.map((_, i) => sentences[(i + r) % sentences.length]);
  const abstract = rotated.map((s) => s.split(' ').filter(() => random() >= 0.125).join(' ')).join(' ');
  const titleWords = row.title.split(' ');
  const drop = titleWords.length > 3 ? Math.floor(random() * titleWords.length) : -1;
  const title = `${titleWords.filter((_, i) => i !== drop).join(' ')} (${r})`;
  return { ...row, id: `${row.id}#${r}`, title, abstract };
}

export function makeLargeCorpus(rows: readonly Row[], papers: number): Row[] {
  const out: Row[] = [];
  for (let r = 0; out.length < papers; r++) {
    for (const row of rows) {
      if (out.length >= papers) break;
      out.push(r === 0 ? row : perturb(row, r));
    }
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, papers: { type: 'string' }, out: { type: 'string' } } });
  if (!values.corpus || !values.out || !values.papers || !/^\d+$/.test(values.papers)) {
    console.error('usage: makeLargeCorpus --corpus IN.jsonl[.gz] --papers N --out OUT.jsonl[.gz]');
    process.exit(2);
  }
  let bytes = readFileSync(values.corpus);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const rows = bytes.toString('utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
  // Written in blocks of lines: a million papers make more text than one string can hold.
  const lines = makeLargeCorpus(rows, Number(values.papers)).map((row) => JSON.stringify(row));
  const blocks: Buffer[] = [];
  for (let i = 0; i < lines.length; i += 20_000) blocks.push(Buffer.from(`${lines.slice(i, i + 20_000).join('\n')}\n`));
  const text = Buffer.concat(blocks);
  writeFileSync(values.out, values.out.endsWith('.gz') ? gzipSync(text) : text);
  console.error(`wrote ${values.papers} papers to ${values.out}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
