import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../pipeline/nightly.js';
import { normaliseOptions } from '../../pipeline/options.js';
import { defaultNightlyConfig, type NightlyConfig } from '../../src/nightly/config.js';
import { projectRoot } from '../../src/projectRoot.js';
import { PaperStore } from '../../src/store/paperStore.js';

/**
 * Issue 15 on real nightly runs: the bundled corpus (--demo) on 2026-11-20, then ten papers
 * of the arXiv sample fixture on each of the next two nights (physics, sport, radar: off the
 * corpus's machine-learning topics, so the silhouette falls twice), then a night with none.
 */
const NIGHTS: readonly string[] = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];
const sample = readFileSync(new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url), 'utf8').trimEnd().split('\n');
const batches: Record<string, string[]> = { '2026-11-21': sample.slice(0, 10), '2026-11-22': sample.slice(10, 20) };

interface Replay {
  config: NightlyConfig;
  warnings: Record<string, string[]>;
  runJson: (night: string) => RunRecord;
  file: (night: string, name: string) => string;
}

interface RunRecord {
  night: string;
  new_papers: number;
  quality: Record<string, number>;
  themes: Array<{ id: number; label: string; size: number }>;
  theme_changes: Array<{ id: number; label: string; size: number; previous: number | null; gained: number; expected: number | null; status: string; was: string | null }>;
  label_history: Array<{ id: number; labels: Array<{ night: string; label: string }> }>;
  quality_warnings: Array<{ metric: string; rule: string; values: Array<{ night: string; value: number }>; note: string }>;
}

async function replay(nights: readonly string[] = NIGHTS, dir = mkdtempSync(join(tmpdir(), 'pt-trends-'))): Promise<Replay> {
  const config: NightlyConfig = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), demo: '--demo' };
  mkdirSync(config.inbox, { recursive: true });
  const options = normaliseOptions({ cacheDir: false, runsIndex: false, quiet: true });
  const warnings: Record<string, string[]> = {};
  for (const night of nights) {
    if (batches[night]) writeFileSync(join(config.inbox, `${night}.jsonl`), `${batches[night].join('\n')}\n`);
    warnings[night] = [];
    await runNightly(config, options, night, { log: () => {}, warn: (line) => warnings[night].push(line), waitMs: 0 });
  }
  const file = (night: string, name: string) => readFileSync(join(config.reports, night, name), 'utf8');
  return { config, warnings, file, runJson: (night) => JSON.parse(file(night, 'run.json')) as RunRecord };
}

let run: Replay;
beforeAll(async () => {
  run = await replay();
}, 120_000);

describe('nightly trends over real nights (issue 15)', () => {
  it('records the papers each theme gained each night, summing to the night’s new papers', () => {
    const gains = NIGHTS.map((night) => run.runJson(night).theme_changes.reduce((s, t) => s + t.gained, 0));
    expect(gains).toEqual([70, 10, 10, 0]);
    expect(NIGHTS.map((night) => run.runJson(night).new_papers)).toEqual([70, 10, 10, 0]);
    // The first night's gains are its sizes; the store keeps them per run.
    expect(run.runJson(NIGHTS[0]).theme_changes.every((t) => t.gained === t.size && t.status === 'new')).toBe(true);
    const store = new PaperStore(run.config.store);
    try {
      for (const stored of store.doneRunsByNight()) {
        const changes = run.runJson(stored.night).theme_changes;
        expect(store.themes(stored.id).map((t) => [t.id, t.gained])).toEqual(changes.map((t) => [t.id, t.gained]).sort((a, b) => a[0] - b[0]));
      }
    } finally {
      store.close();
    }
  });

  it('calls a theme growing or fading by its gains against its share of last night’s papers, and every theme steady on a night without new papers', () => {
    for (const night of NIGHTS.slice(1)) {
      const record = run.runJson(night);
      const lastNight = new Map(run.runJson(NIGHTS[NIGHTS.indexOf(night) - 1]).themes.map((t) => [t.id, t.size]));
      const total = [...lastNight.values()].reduce((s, n) => s + n, 0);
      for (const t of record.theme_changes) {
        if (t.previous === null) continue;
        const expected = (record.new_papers * lastNight.get(t.id)!) / total;
        expect(Math.abs(t.expected! - expected)).toBeLessThanOrEqual(0.005 + 1e-9); // run.json rounds to 0.01
        const status = t.gained >= 2 && t.gained >= 1.5 * expected ? 'growing' : expected >= 2 && t.gained <= 0.5 * expected ? 'fading' : 'steady';
        expect(t.status).toBe(status);
      }
    }
    expect(run.runJson('2026-11-21').theme_changes.some((t) => t.status === 'growing')).toBe(true);
    expect(run.runJson('2026-11-23').theme_changes.map((t) => t.status).filter((s) => s !== 'steady')).toEqual([]);
  });

  it('keeps the labels a theme had under its id, and says what a changed label was', () => {
    const record = run.runJson('2026-11-22');
    const before = new Map(run.runJson('2026-11-21').themes.map((t) => [t.id, t.label]));
    const changed = record.theme_changes.filter((t) => t.previous !== null && before.get(t.id) !== t.label);
    expect(changed.length).toBeGreaterThan(0);
    for (const t of record.theme_changes) expect(t.was).toBe(changed.includes(t) ? before.get(t.id) : null);
    // The history agrees with the labels each night's run.json gave.
    const labelsOn = new Map(NIGHTS.slice(0, 3).map((night) => [night, new Map(run.runJson(night).themes.map((t) => [t.id, t.label]))]));
    expect(record.label_history.length).toBeGreaterThan(0);
    for (const h of record.label_history) {
      expect(h.labels.length).toBeGreaterThan(1);
      for (const l of h.labels) expect(labelsOn.get(l.night)!.get(h.id)).toBe(l.label);
      expect(h.labels[h.labels.length - 1].label).toBe(labelsOn.get('2026-11-22')!.get(h.id) ?? h.labels[h.labels.length - 1].label);
    }
    const html = run.file('2026-11-22', 'index.html');
    expect(html).toContain('<ul id="label-history">');
    expect(html).toContain(`(was: ${changed[0].was!.replace(/&/g, '&amp;')})`);
  });

  it('warns, in the log, run.json and the report, when the silhouette falls for the second night running', () => {
    const quality = NIGHTS.map((night) => run.runJson(night).quality.silhouette);
    expect(quality[1]).toBeLessThan(quality[0]);
    expect(quality[2]).toBeLessThan(quality[1]);
    const record = run.runJson('2026-11-22');
    const falling = record.quality_warnings.find((w) => w.metric === 'silhouette')!;
    expect(falling).toMatchObject({ rule: 'falling', values: NIGHTS.slice(0, 3).map((night, i) => ({ night, value: quality[i] })) });
    expect(falling.note).toBe(`silhouette fell for the second night running: ${NIGHTS.slice(0, 3).map((n, i) => `${quality[i].toFixed(3)} (${n})`).join(' -> ')}`);
    expect(run.warnings['2026-11-22']).toContain(`theme quality: ${falling.note}`);
    expect(run.file('2026-11-22', 'index.html')).toContain(`<p class="note quality-warning" data-metric="silhouette">Theme quality is falling: ${falling.note.replace(/>/g, '&gt;')}.</p>`);
    // The first night has nothing to compare with; the first fall is already far below last night's.
    expect(run.runJson('2026-11-20').quality_warnings).toEqual([]);
    expect(run.runJson('2026-11-21').quality_warnings.find((w) => w.metric === 'silhouette')?.rule).toBe('below-best');
  });

  it('gives byte-identical reports for the same nights', async () => {
    const again = await replay(NIGHTS.slice(0, 3));
    for (const name of ['index.html', 'themes.csv', 'assignments.csv']) expect(again.file('2026-11-22', name)).toBe(run.file('2026-11-22', name));
    const strip = (r: RunRecord) => ({ ...r, stages: null, total_wall_s: null, finished_at: null, peak_rss_mib: null, store: null, sources: null });
    expect(strip(again.runJson('2026-11-22'))).toEqual(strip(run.runJson('2026-11-22')));
  }, 120_000);

  it('upgrades a store made before gains were recorded: the same gains, and the next night as in a new store', async () => {
    // The store after three nights, taken back to schema 2 (no gained column, no loose_fit column).
    const dir = mkdtempSync(join(tmpdir(), 'pt-trends-old-'));
    const fresh = await replay(NIGHTS.slice(0, 3), dir);
    const db = new Database(fresh.config.store);
    db.exec('ALTER TABLE themes DROP COLUMN gained');
    db.exec('ALTER TABLE assignments DROP COLUMN loose_fit');
    db.pragma('user_version = 2');
    db.close();
    const store = new PaperStore(fresh.config.store);
    const original = new PaperStore(run.config.store);
    try {
      const runs = store.doneRunsByNight();
      expect(runs.map((r) => r.night)).toEqual(NIGHTS.slice(0, 3));
      for (const [i, r] of runs.entries()) {
        expect(store.themes(r.id).map((t) => [t.id, t.gained])).toEqual(original.themes(original.doneRunsByNight()[i].id).map((t) => [t.id, t.gained]));
      }
    } finally {
      store.close();
      original.close();
    }
    await runNightly(fresh.config, normaliseOptions({ cacheDir: false, runsIndex: false, quiet: true }), '2026-11-23', { log: () => {}, warn: () => {}, waitMs: 0 });
    expect(readFileSync(join(fresh.config.reports, '2026-11-23', 'index.html'), 'utf8')).toBe(run.file('2026-11-23', 'index.html'));
  }, 120_000);
});
