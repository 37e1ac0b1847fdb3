import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { PaperStore } from '../../src/store/paperStore.js';
import { localServer } from '../sources/localServer.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'paper-themes-identity-'));
const hfFixture = readFileSync(new URL('../fixtures/sources/hf_daily_papers.json', import.meta.url), 'utf8');
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const topics = ['bayesian optimization', 'model merging', 'data selection'];
/** Twelve distinct abstracts, four per topic. */
const abstracts = Array.from({ length: 12 }, (_, i) => {
  const topic = topics[i % 3];
  return `We study ${topic} in depth for case ${i}. The ${topic} experiments, ${topic} theory and ${topic} applications differ across settings ${i % 4}.`;
});

function write(name: string, text: string): string {
  const path = join(tmp(), name);
  writeFileSync(path, text);
  return path;
}

describe('paper-themes run: which records are one paper', () => {
  it('keeps same-titled papers with distinct ids, and lists every dropped record with the rule in run.json', async () => {
    const records = abstracts.map((abstract, i) => ({ id: `post-${i}`, title: 'Rejoinder', abstract }));
    const lines = [
      ...records,
      { id: 'post-3', title: 'Rejoinder (again)', abstract: 'Other words entirely, yet the same id.' },
      { title: 'REJOINDER', abstract: abstracts[5].toUpperCase() },
    ].map((r) => JSON.stringify(r));
    const out = tmp();
    const { code, err } = await cli('run', '--input', write('forum.jsonl', `${lines.join('\n')}\n`), '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--quiet');
    expect(code).toBe(0);
    expect(err).toContain('warning: dropped 2 duplicate papers (same id, or same title and abstract when one has no source id)');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.input.papers).toBe(12);
    expect(run.input.duplicates_dropped).toBe(2);
    expect(run.input.duplicates).toEqual([
      { kept: 'post-3', dropped: 'post-3', rule: 'same id' },
      { kept: 'post-5', dropped: expect.stringMatching(/^t-[0-9a-f]{12}$/), rule: 'same title and abstract' },
    ]);
    expect(csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8')).map((r) => r.paper_id).sort())
      .toEqual(records.map((r) => r.id).sort());
  });

  it('reads one paper from the forms of one arXiv id', async () => {
    const ids = ['arXiv:1811.00783', '1811.00783', '1811.00783v2', 'https://arxiv.org/abs/1811.00783v1'];
    const lines = [
      ...abstracts.slice(0, 11).map((abstract, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract })),
      ...ids.map((id, i) => ({ id, title: `Merging form ${i}`, abstract: abstracts[11] })),
    ].map((r) => JSON.stringify(r));
    const out = tmp();
    expect((await cli('run', '--input', write('forms.jsonl', lines.join('\n')), '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--quiet')).code).toBe(0);
    const rows = csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8'));
    expect(rows.filter((r) => r.paper_id === '1811.00783').map((r) => [r.title, r.url])).toEqual([['Merging form 0', 'https://arxiv.org/abs/1811.00783']]);
    expect(rows).toHaveLength(12);
  });

  it('clusters a CSV of title-less abstracts, marking the derived titles in run.json, the log and assignments.csv', async () => {
    const csv = `pmid,title,abstract\n${abstracts.map((a, i) => `${9000 + i},,"${a}"`).join('\n')}\n`;
    const out = tmp();
    const { code, err } = await cli('run', '--input', write('medline.csv', csv), '--out', out, '--k', '3', '--min-df', '1', '--no-cache', '--quiet');
    expect(code).toBe(0);
    expect(err).toContain('warning: 12 papers had no title: each shows the first sentence of its abstract, marked as derived');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.input.papers).toBe(12);
    expect(run.input.titles_derived.count).toBe(12);
    expect(run.input.titles_derived.ids).toHaveLength(12);
    const rows = csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8'));
    expect(rows.every((r) => r.title_derived === 'true')).toBe(true);
    expect(rows.map((r) => r.title)).toContain('We study model merging in depth for case 1');
    expect(new Set(rows.map((r) => r.paper_id))).toEqual(new Set(run.input.titles_derived.ids));
  });
});

describe('paper-themes nightly: which records are one paper', () => {
  it('stores the same paper from hf-daily and an inbox file once, and export keeps derived titles marked', async () => {
    const server = await localServer((_, res) => res.end(hfFixture));
    close = server.close;
    const dir = tmp();
    const w = { store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox') };
    mkdirSync(w.inbox);
    const hf = (JSON.parse(hfFixture) as Array<{ paper: { id: string; title: string; summary: string } }>).map((i) => i.paper);
    const inbox = [
      ...hf.map((p, i) => ({ id: i === 0 ? `arXiv:${p.id}v2` : `https://arxiv.org/abs/${p.id}v1`, title: p.title, abstract: p.summary })),
      ...abstracts.map((abstract) => ({ title: '', abstract })),
    ];
    writeFileSync(join(w.inbox, 'day.jsonl'), `${inbox.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const config = join(dir, 'nightly.json');
    writeFileSync(config, JSON.stringify({ hfDaily: { baseUrl: server.baseUrl } }));
    const night = await cli('nightly', '--date', '2026-11-20', '--store', w.store, '--reports', w.reports, '--inbox', w.inbox,
      '--config', config, '--source', 'hf-daily,inbox', '--k', '3', '--quiet');
    expect(night.code).toBe(0);

    const store = new PaperStore(w.store);
    const papers = store.papers('2026-12-31');
    store.close();
    for (const p of hf) expect(papers.filter((s) => s.title === p.title).map((s) => s.id)).toEqual([p.id]);
    expect(papers.filter((p) => p.titleDerived === true)).toHaveLength(12);

    const csvPath = join(dir, 'export.csv');
    expect((await cli('export', '--run', 'latest', '--store', w.store, '--out', csvPath)).code).toBe(0);
    const rows = csvParse(readFileSync(csvPath, 'utf8'));
    expect(rows.filter((r) => r.title_derived === 'true')).toHaveLength(12);
    expect(rows.filter((r) => hf.some((p) => p.id === r.paper_id))).toHaveLength(2);
    const latest = csvParse(readFileSync(join(w.reports, 'latest', 'assignments.csv'), 'utf8'));
    expect(latest.filter((r) => r.title_derived === 'true')).toHaveLength(12);
  });
});
