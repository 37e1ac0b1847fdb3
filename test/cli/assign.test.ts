import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { ingest } from '../../pipeline/1-ingest.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { ASSIGNMENTS_COLUMNS } from '../../src/export/assignmentsCsv.js';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('paper-themes assign', () => {
  it('writes the columns of assignments.csv for papers assigned to a run’s model, the same themes as the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-assign-cli-'));
    const run = join(dir, 'run');
    expect((await cli('run', '--out', run, '--k', '6', '--no-cache', '--no-runs-index', '--quiet')).code).toBe(0);
    const out = join(dir, 'assigned.csv');
    const { code, err } = await cli('assign', '--model', run, '--input', 'data/corpus/hf-trending-mar12.txt', '--out', out);
    expect(code, err).toBe(0);
    expect(err).toMatch(/assigned 70 papers in [\d.]+ s \(\d+ papers\/s\); \d+ loose fits; wrote /);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(ASSIGNMENTS_COLUMNS.join(','));
    expect(lines).toHaveLength(71);
    const themeOf = (text: string) => new Map(text.trimEnd().split('\r\n').slice(1).map((line) => [line.split(',')[0], line.split(',')[2]]));
    const fitted = themeOf(readFileSync(join(run, 'assignments.csv'), 'utf8'));
    const assigned = themeOf(readFileSync(out, 'utf8'));
    expect([...assigned].filter(([id, theme]) => fitted.get(id) === theme).length).toBeGreaterThanOrEqual(69);
  }, 60_000);

  it('gives the same CSV on one thread as on several, tells its progress on a larger input, and refuses a bad --workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-assign-workers-'));
    const run = join(dir, 'run');
    expect((await cli('run', '--out', run, '--k', '6', '--no-cache', '--no-runs-index', '--quiet')).code).toBe(0);
    const { papers } = await ingest({ path: 'data/corpus/hf-trending-mar12.txt' }, { strict: false, maxInputMb: 100 });
    // 1,050 papers (the 70 under 15 ids each): four batches of 263 on two workers.
    const many = Array.from({ length: 15 }, (_, copy) => papers.map((p) => JSON.stringify({ id: `${p.id}-${copy}`, title: p.title, abstract: p.abstract }))).flat();
    writeFileSync(join(dir, 'many.jsonl'), `${many.join('\n')}\n`);
    const outputs: string[] = [];
    for (const workers of ['1', '2', '3']) {
      const out = join(dir, `assigned-${workers}.csv`);
      const result = await cli('assign', '--model', run, '--input', join(dir, 'many.jsonl'), '--out', out, '--workers', workers);
      expect(result.code, result.err).toBe(0);
      if (workers === '2') expect(result.err).toMatch(/ {2}assigned 263 of 1050 papers\n {2}assigned 526 of 1050 papers\n {2}assigned 789 of 1050 papers\n/);
      outputs.push(readFileSync(out, 'utf8'));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(outputs[0].trimEnd().split('\r\n')).toHaveLength(1051);
    const bad = await cli('assign', '--model', run, '--input', join(dir, 'many.jsonl'), '--out', join(dir, 'bad.csv'), '--workers', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--workers: "0" is not valid; expected an integer from 1 to 128');
  }, 60_000);

  it('reads every input format run reads, and gives the same themes from each (JSON Lines, CSV, gzipped, the seed page)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-assign-formats-'));
    const run = join(dir, 'run');
    expect((await cli('run', '--out', run, '--k', '6', '--no-cache', '--no-runs-index', '--quiet')).code).toBe(0);
    const { papers } = await ingest({ path: 'data/corpus/hf-trending-mar12.txt' }, { strict: false, maxInputMb: 100 });
    const some = papers.slice(0, 20);
    const jsonl = some.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract })).join('\n') + '\n';
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const csv = ['id,title,abstract', ...some.map((p) => [p.id, p.title, p.abstract].map(quote).join(','))].join('\n') + '\n';
    const inputs: Array<[string, string | Uint8Array]> = [['papers.jsonl', jsonl], ['papers.csv', csv], ['papers.jsonl.gz', gzipSync(jsonl)]];
    const themesBy = new Map<string, Map<string, string>>();
    for (const [name, content] of inputs) {
      writeFileSync(join(dir, name), content);
      const out = join(dir, `${name}.assigned.csv`);
      const result = await cli('assign', '--model', run, '--input', join(dir, name), '--out', out, '--quiet');
      expect(result.code, `${name}: ${result.err}`).toBe(0);
      const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => r.paper_id), name).toEqual(some.map((p) => p.id));
      themesBy.set(name, new Map(rows.map((r) => [r.paper_id, r.theme_id])));
    }
    const seedPage = join(dir, 'seed.assigned.csv');
    expect((await cli('assign', '--model', run, '--input', 'data/corpus/hf-trending-mar12.txt', '--out', seedPage, '--quiet')).code).toBe(0);
    const fromSeed = new Map((parse(readFileSync(seedPage, 'utf8'), { columns: true }) as Array<Record<string, string>>).map((r) => [r.paper_id, r.theme_id]));
    for (const [name, themes] of themesBy) for (const [id, theme] of themes) expect(theme, `${name} ${id}`).toBe(fromSeed.get(id));
  }, 60_000);

  it('exits 1 naming the manifest when the folder holds no model, and 2 for a missing option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-assign-cli-'));
    const missing = await cli('assign', '--model', dir, '--input', 'data/corpus/hf-trending-mar12.txt', '--out', join(dir, 'a.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`${join(dir, 'model', 'manifest.json')}: missing: this folder holds no paper-themes model`);
    const noInput = await cli('assign', '--model', dir, '--out', join(dir, 'a.csv'));
    expect(noInput.code).toBe(2);
    expect(noInput.err).toContain('--input');
  });
});
