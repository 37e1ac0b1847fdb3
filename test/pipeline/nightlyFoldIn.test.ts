import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { assignThemes, loadThemeModel } from '../../pipeline/assign.js';
import { main } from '../../pipeline/cli/main.js';
import { PaperStore } from '../../src/store/paperStore.js';
import type { Paper } from '../../src/types.js';
import { parse } from 'csv-parse/sync';

const bin = new URL('../../bin/paper-themes.js', import.meta.url).pathname;

const CORPUS = 'data/corpus/hf-trending-mar12.txt';

/** A store, reports and inbox in a fresh folder, and a config file with `config` in it. */
function workspace(config: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pt-foldin-'));
  const w = { dir, store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), config: join(dir, 'nightly.json') };
  mkdirSync(w.inbox);
  writeFileSync(w.config, JSON.stringify(config));
  return w;
}
type Workspace = ReturnType<typeof workspace>;

async function nightly(w: Workspace, night: string, ...more: string[]) {
  let err = '';
  const code = await main(['nightly', '--date', night, '--store', w.store, '--reports', w.reports, '--inbox', w.inbox, '--config', w.config, '--k', '8', ...more],
    { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return err;
}

function drop(w: Workspace, name: string, papers: readonly Paper[]) {
  writeFileSync(join(w.inbox, name), papers.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract })).join('\n') + '\n');
}

const record = (w: Workspace, night: string) => JSON.parse(readFileSync(join(w.reports, night, 'run.json'), 'utf8'));

function stored(w: Workspace) {
  const store = new PaperStore(w.store);
  try {
    return store.doneRunsByNight().map((run) => ({ night: run.night, assignments: store.assignments(run.id), themes: store.themes(run.id) }));
  } finally {
    store.close();
  }
}

/** The bundled corpus as two batches: 60 papers for the first night, 10 for the second. */
async function batches() {
  const { papers } = await ingest({ path: CORPUS }, { strict: false, maxInputMb: 100 });
  return { first: papers.filter((_, i) => i % 7 !== 3), second: papers.filter((_, i) => i % 7 === 3) };
}

describe('nightly fold-in nights', () => {
  it('folds new papers into last night\'s themes: ids, labels and old assignments unchanged, new papers as assign gives them', async () => {
    const w = workspace();
    const { first, second } = await batches();
    drop(w, 'a.jsonl', first);
    await nightly(w, '2026-11-20');
    drop(w, 'b.jsonl', second);
    const log = await nightly(w, '2026-11-21');
    expect(log).toContain('night 2026-11-21: fold-in (1 night since the last refit, of refitEveryNights 7)');
    const [night1, night2] = stored(w);
    expect(night2.themes.map((t) => [t.id, t.label])).toEqual(night1.themes.map((t) => [t.id, t.label]));
    expect(night2.themes.reduce((s, t) => s + t.size, 0)).toBe(first.length + second.length);
    const before = new Map(night1.assignments.map((a) => [a.paperId, a]));
    for (const a of night2.assignments.filter((x) => before.has(x.paperId))) expect(a).toEqual(before.get(a.paperId));
    // The new papers are where assign puts them with last night's model.
    const model = loadThemeModel(join(w.reports, '2026-11-20'));
    const assigned = await assignThemes(model, second, 1);
    const tonight = new Map(night2.assignments.map((a) => [a.paperId, a]));
    for (const a of assigned) expect([a.paperId, tonight.get(a.paperId)?.themeId, tonight.get(a.paperId)?.score]).toEqual([a.paperId, a.themeId, a.score]);
    const rec = record(w, '2026-11-21');
    expect(rec).toMatchObject({ night_kind: 'fold-in', fold_in: { model_from: '2026-11-20', papers_assigned: second.length } });
    expect(rec.stages.map((s: { stage: string }) => s.stage)).toEqual(['assign']);
    // Tonight's gains are the new papers; the report says which kind of night it was.
    expect(rec.theme_changes.reduce((s: number, t: { gained: number }) => s + t.gained, 0)).toBe(second.length);
    expect(readFileSync(join(w.reports, '2026-11-21', 'index.html'), 'utf8')).toContain('fold-in: new papers assigned to the themes of 2026-11-20');
    // Tonight's folder has a model (last night's themes), so the next night folds into it.
    expect(Array.from(loadThemeModel(join(w.reports, '2026-11-21')).themes.ids)).toEqual(Array.from(model.themes.ids));
  }, 120_000);

  it('refits when asked, on schedule, when the new papers fit no theme, when the options change and when last night\'s model is gone', async () => {
    const w = workspace({ refitEveryNights: 2 });
    const { first, second } = await batches();
    drop(w, 'a.jsonl', first);
    await nightly(w, '2026-11-20');
    drop(w, 'b.jsonl', second.slice(0, 5));
    expect(await nightly(w, '2026-11-21')).toContain('fold-in');
    drop(w, 'c.jsonl', second.slice(5));
    expect(await nightly(w, '2026-11-22')).toContain('night 2026-11-22: refit (2 nights since the last refit (refitEveryNights 2))');
    expect(record(w, '2026-11-22').night_kind).toBe('refit');
    expect(await nightly(w, '2026-11-23', '--refit')).toContain('refit (asked for (--refit))');
    expect(await nightly(w, '2026-11-24', '--seed', '7')).toContain("refit (the options or merges differ from 2026-11-23's)");
    rmSync(join(w.reports, '2026-11-24', 'model'), { recursive: true });
    expect(await nightly(w, '2026-11-25', '--seed', '7')).toMatch(/refit \(2026-11-24's model cannot be used \(.*manifest\.json: missing/);
    // A paper with no word of the vocabulary fits no theme: above refitLooseShare 0, the night refits.
    writeFileSync(w.config, JSON.stringify({ refitLooseShare: 0 }));
    drop(w, 'd.jsonl', [{ id: 'odd-1', title: 'Zqxv wplkr', abstract: 'Vbnmq zzkrt plowq xxvrt.' }]);
    expect(await nightly(w, '2026-11-26', '--seed', '7')).toMatch(/refit \(100\.0% of the 1 new papers are loose fits of 2026-11-25's themes \(refitLooseShare 0\)\)/);
  }, 180_000);

  it('refits when last night\'s folder holds the model of a run that was killed before it finished', async () => {
    const w = workspace();
    const { first, second } = await batches();
    drop(w, 'a.jsonl', first);
    await nightly(w, '2026-11-20');
    drop(w, 'b.jsonl', second.slice(0, 5));
    await nightly(w, '2026-11-21', '--refit');
    // The night is run again with more papers and killed once its folders are written, before it is done.
    drop(w, 'c.jsonl', second.slice(5));
    const killed = spawnSync('node', [bin, 'nightly', '--date', '2026-11-21', '--store', w.store, '--reports', w.reports, '--inbox', w.inbox, '--config', w.config, '--k', '8', '--refit', '--quiet'],
      { env: { ...process.env, PAPER_THEMES_CRASH_AT: 'before-done' }, encoding: 'utf8' });
    expect(killed.signal).toBe('SIGKILL');
    const log = await nightly(w, '2026-11-22');
    expect(log).toContain(`refit (${join(w.reports, '2026-11-21', 'model', 'manifest.json')} is not the model of 2026-11-21's finished run`);
  }, 180_000);

  it('shows a pin removed from the config as the label fitted, writes loose fits as the export does, and warns of a pin on no theme', async () => {
    const w = workspace();
    const { first, second } = await batches();
    drop(w, 'a.jsonl', first);
    await nightly(w, '2026-11-20');
    const [night1] = stored(w);
    const target = night1.themes[2];
    writeFileSync(w.config, JSON.stringify({ pins: { [String(target.id)]: 'Pinned for a night', 999: 'Nowhere' } }));
    drop(w, 'b.jsonl', second.slice(0, 5));
    const pinnedLog = await nightly(w, '2026-11-21');
    expect(pinnedLog).toContain('fold-in');
    expect(pinnedLog).toContain('warning: pins: no theme has id 999 tonight, so its pin "Nowhere" is not used');
    expect(stored(w)[1].themes.find((t) => t.id === target.id)?.label).toBe('Pinned for a night');
    writeFileSync(w.config, JSON.stringify({}));
    drop(w, 'c.jsonl', second.slice(5));
    expect(await nightly(w, '2026-11-22')).toContain('fold-in');
    expect(stored(w)[2].themes.find((t) => t.id === target.id)?.label).toBe(target.label);
    // export's loose fits are the night's own, as in its assignments.csv.
    const exported = join(w.dir, 'export.csv');
    let err = '';
    expect(await main(['export', '--run', '2026-11-22', '--out', exported, '--store', w.store], { out: { write: () => true }, err: { write: (t: string) => (err += t) } }), err).toBe(0);
    const looseOf = (file: string) => new Map((parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>).map((r) => [r.paper_id, r.loose_fit]));
    expect(looseOf(exported)).toEqual(looseOf(join(w.reports, '2026-11-22', 'assignments.csv')));
    // The list of nights says which kind each was; the fold-in's report names the refit its quality is from.
    expect(readFileSync(join(w.reports, 'index.html'), 'utf8')).toContain('store (fold-in)');
    expect(readFileSync(join(w.reports, '2026-11-22', 'index.html'), 'utf8')).toContain('the refit of 2026-11-20');
  }, 180_000);
});
