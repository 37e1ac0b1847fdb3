import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignThemes, loadThemeModel } from '../../pipeline/assign.js';
import { ingest } from '../../pipeline/1-ingest.js';
import { main } from '../../pipeline/cli/main.js';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const CORPUS = 'data/corpus/hf-trending-mar12.txt';
const CSVS = ['assignments.csv', 'themes.csv', 'hierarchy.csv'];
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const record = (dir: string) => JSON.parse(read(dir, 'run.json'));

describe('paper-themes relabel', () => {
  let dir: string;
  let run: string;
  let cache: string;
  const common = () => ['--k', '8', '--cache', cache, '--no-runs-index', '--quiet'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pt-relabel-'));
    run = join(dir, 'run');
    cache = join(dir, 'cache');
    expect((await cli('run', '--out', run, ...common())).code).toBe(0);
  }, 120_000);

  /** A copy of the fitted run to relabel, so each test starts from the same run. */
  const copyOfRun = (name: string) => {
    const copy = join(dir, name);
    cpSync(run, copy, { recursive: true });
    return copy;
  };

  it('writes the same CSV files as `run --merge`, without tokenizing, reducing or clustering again', async () => {
    const relabelled = copyOfRun('merged');
    const result = await cli('relabel', '--run', relabelled, '--merge', '3,7', '--merge', '2,3', '--cache', cache, '--no-runs-index');
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain('70 of 70 papers from the tokens cache');
    expect(result.err).toMatch(/merged: 2 \+ 3 \+ 7 -> 2; 6 themes/);
    const fresh = join(dir, 'fresh-merged');
    expect((await cli('run', '--out', fresh, '--merge', '3,7', '--merge', '2,3', ...common())).code).toBe(0);
    for (const file of CSVS) expect(read(relabelled, file), file).toBe(read(fresh, file));
    const rec = record(relabelled);
    expect(rec.merged).toEqual([{ id: 2, themes: [2, 3, 7] }]);
    expect(rec.relabelled.merges).toEqual([[3, 7], [2, 3]]);
    expect(rec.stages.map((s: { stage: string }) => s.stage)).toEqual(['ingest', 'vectors', 'label', 'report']);
    expect(rec.quality).toEqual(record(fresh).quality);
    expect(rec.clustering.themes_after_merges).toBe(6);
  }, 120_000);

  it('merges a merged run again: ids compose, as one run with every merge', async () => {
    const twice = copyOfRun('twice');
    expect((await cli('relabel', '--run', twice, '--merge', '3,7', '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    const second = await cli('relabel', '--run', twice, '--merge', '5,3', '--cache', cache, '--no-runs-index', '--quiet');
    expect(second.code, second.err).toBe(0);
    expect(record(twice).merged).toEqual([{ id: 3, themes: [3, 5, 7] }]);
    const fresh = join(dir, 'fresh-twice');
    expect((await cli('run', '--out', fresh, '--merge', '3,7', '--merge', '5,3', ...common())).code).toBe(0);
    for (const file of CSVS) expect(read(twice, file), file).toBe(read(fresh, file));
    // A merged-away id is gone: naming it fails before any work, listing the ids there are.
    const gone = await cli('relabel', '--run', twice, '--merge', '7,1', '--cache', cache, '--no-runs-index');
    expect(gone.code).toBe(2);
    expect(gone.err).toContain('--merge: "7,1" is not valid; expected the run\'s theme ids (0, 1, 2, 3, 4, 6)');
  }, 120_000);

  it('reduces by the run\'s theme tree as `run --reduce-to` does', async () => {
    const reduced = copyOfRun('reduced');
    expect((await cli('relabel', '--run', reduced, '--reduce-to', '5', '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    const fresh = join(dir, 'fresh-reduced');
    expect((await cli('run', '--out', fresh, '--reduce-to', '5', ...common())).code).toBe(0);
    for (const file of CSVS) expect(read(reduced, file), file).toBe(read(fresh, file));
    expect(record(reduced).themes).toHaveLength(5);
  }, 120_000);

  it('pins a label and changes nothing else: same themes, scores and map', async () => {
    const pinned = copyOfRun('pinned');
    const labels = join(dir, 'labels.json');
    writeFileSync(labels, JSON.stringify({ 4: 'My pinned theme' }));
    const result = await cli('relabel', '--run', pinned, '--labels', labels, '--out', join(dir, 'pinned-out'), '--cache', cache, '--no-runs-index', '--quiet');
    expect(result.code, result.err).toBe(0);
    const rows = (text: string): string[][] => parse(text);
    const before = rows(read(run, 'assignments.csv'));
    const after = rows(read(join(dir, 'pinned-out'), 'assignments.csv'));
    expect(after.length).toBe(before.length);
    const themeLabel = before[0].indexOf('theme_label');
    after.forEach((row, i) => {
      const original = before[i];
      if (i > 0 && row[2] === '4') expect(row[themeLabel]).toBe('My pinned theme');
      expect(row.filter((_, c) => c !== themeLabel)).toEqual(original.filter((_, c) => c !== themeLabel));
    });
    expect(after.some((row) => row[2] === '4')).toBe(true);
    // The source run is untouched when --out is elsewhere.
    expect(read(pinned, 'assignments.csv')).toBe(read(run, 'assignments.csv'));
  }, 120_000);

  it('writes a model that assigns the run\'s papers to the merged themes', async () => {
    const relabelled = copyOfRun('model');
    expect((await cli('relabel', '--run', relabelled, '--merge', '1,6', '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    const model = loadThemeModel(relabelled);
    expect(Array.from(model.themes.ids)).toEqual([0, 1, 2, 3, 4, 5, 7]);
    const { papers } = await ingest({ path: CORPUS }, { strict: false, maxInputMb: 100 });
    const assigned = await assignThemes(model, papers, 1);
    const themeOf = (folder: string) => new Map((parse(read(folder, 'assignments.csv'), { columns: true }) as Array<Record<string, string>>).map((r) => [r.paper_id, Number(r.theme_id)]));
    const fitted = themeOf(relabelled);
    const same = assigned.filter((a) => fitted.get(a.paperId) === a.themeId).length;
    // The run's own model on the run's papers, for comparison: merging does not make assignment worse.
    const unmerged = themeOf(run);
    const sameBefore = (await assignThemes(loadThemeModel(run), papers, 1)).filter((a) => unmerged.get(a.paperId) === a.themeId).length;
    expect(same).toBeGreaterThanOrEqual(sameBefore);
    expect(assigned.some((a) => a.themeId === 6)).toBe(false);
  }, 120_000);

  it('keeps pinned labels over later relabels, and the corpus path given with --input', async () => {
    const pinned = copyOfRun('pins-kept');
    const labels = join(dir, 'labels-5.json');
    writeFileSync(labels, JSON.stringify({ 5: 'Pinned five' }));
    const moved = join(dir, 'moved-corpus.txt');
    cpSync(CORPUS, moved);
    expect((await cli('relabel', '--run', pinned, '--labels', labels, '--input', moved, '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    expect(record(pinned).input.path).toBe(moved);
    const merged = await cli('relabel', '--run', pinned, '--merge', '3,7', '--cache', cache, '--no-runs-index', '--quiet');
    expect(merged.code, merged.err).toBe(0);
    const themes = record(pinned).themes as Array<{ id: number; label: string; pinned?: boolean }>;
    expect(themes.find((t) => t.id === 5)).toMatchObject({ label: 'Pinned five', pinned: true });
    expect(themes.filter((t) => t.pinned === true)).toHaveLength(1);
    // A pin on a theme merged away earlier is said to be unused.
    writeFileSync(labels, JSON.stringify({ 7: 'Gone' }));
    const gone = await cli('relabel', '--run', pinned, '--labels', labels, '--cache', cache, '--no-runs-index', '--quiet');
    expect(gone.err).toContain('warning: --labels: the run has no theme 7 (merged away, or never there), so its pin "Gone" is not used');
  }, 120_000);

  it('keeps the run\'s byte order mark on the CSVs', async () => {
    const withBom = join(dir, 'bom');
    expect((await cli('run', '--out', withBom, '--csv-bom', ...common())).code).toBe(0);
    expect((await cli('relabel', '--run', withBom, '--merge', '1,2', '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    for (const file of CSVS) expect(read(withBom, file).startsWith('\uFEFF'), file).toBe(true);
  }, 120_000);

  it('refuses, naming the option or file: a blank cell, a nightly report, another run\'s model, --input, --out and --reduce-to out of bounds', async () => {
    const blank = copyOfRun('blank');
    const csv = read(blank, 'assignments.csv').split('\r\n');
    const header = parse(csv[0])[0] as string[];
    const cells = parse(csv[1])[0] as string[];
    cells[header.indexOf('x')] = '';
    csv[1] = cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    writeFileSync(join(blank, 'assignments.csv'), csv.join('\r\n'));
    const blankCell = await cli('relabel', '--run', blank, '--merge', '1,2', '--no-runs-index');
    expect(blankCell.code).toBe(1);
    expect(blankCell.err).toContain(`${join(blank, 'assignments.csv')}: row 2 lacks a paper_id, an integer theme_id or numeric x and y`);

    const other = join(dir, 'other-run');
    expect((await cli('run', '--out', other, '--k', '8', '--weighting', 'bm25', '--max-features', '300', '--cache', cache, '--no-runs-index', '--quiet')).code).toBe(0);
    const swapped = copyOfRun('swapped');
    rmSync(join(swapped, 'model'), { recursive: true });
    cpSync(join(other, 'model'), join(swapped, 'model'), { recursive: true });
    const foreign = await cli('relabel', '--run', swapped, '--merge', '1,2', '--no-runs-index');
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain("not this run's model");

    const nightlyReports = join(dir, 'nightly-reports');
    expect((await cli('nightly', '--demo', '--date', '2026-11-20', '--store', join(dir, 'n.sqlite'), '--reports', nightlyReports, '--inbox', join(dir, 'n-inbox'), '--k', '8', '--quiet')).code).toBe(0);
    const nightly = await cli('relabel', '--run', join(nightlyReports, '2026-11-20'), '--merge', '1,2', '--no-runs-index');
    expect(nightly.code).toBe(2);
    expect(nightly.err).toContain('this is a nightly report, whose themes are merged by "merges" in the nightly config');
    expect(nightly.err).toContain('(try: paper-themes relabel --help)');

    const missingInput = await cli('relabel', '--run', run, '--merge', '1,2', '--input', join(dir, 'nowhere.txt'), '--no-runs-index');
    expect(missingInput.code).toBe(2);
    expect(missingInput.err).toContain('--input:');
    const inside = await cli('relabel', '--run', run, '--merge', '1,2', '--out', join(run, 'sub'), '--no-runs-index');
    expect(inside.code).toBe(2);
    expect(inside.err).toContain('--out:');
    const tooMany = await cli('relabel', '--run', run, '--reduce-to', '8', '--no-runs-index');
    expect(tooMany.code).toBe(2);
    expect(tooMany.err).toContain("--reduce-to: 8 is not valid; expected fewer themes than the run's 8");
    expect(read(run, 'run.json')).not.toContain('relabelled');
  }, 120_000);

  it('refuses, naming the option or file: nothing to do, a folder without a run, a corpus that is not the run\'s', async () => {
    const nothing = await cli('relabel', '--run', run);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('at least one of --merge A,B, --reduce-to N or --labels FILE');
    const empty = mkdtempSync(join(tmpdir(), 'pt-relabel-empty-'));
    const noModel = await cli('relabel', '--run', empty, '--merge', '1,2', '--no-runs-index');
    expect(noModel.code).toBe(1);
    expect(noModel.err).toContain(join(empty, 'model', 'manifest.json'));
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, `${JSON.stringify({ id: 'x1', title: 'A paper', abstract: 'Not in the run at all.' })}\n`);
    const wrongCorpus = await cli('relabel', '--run', copyOfRun('wrong'), '--merge', '1,2', '--input', other, '--no-runs-index');
    expect(wrongCorpus.code).toBe(1);
    expect(wrongCorpus.err).toContain(`${other} is not the corpus of the run`);
  }, 60_000);
});
