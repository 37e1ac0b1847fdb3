import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../pipeline/nightly.js';
import { normaliseOptions } from '../../pipeline/options.js';
import { defaultNightlyConfig, type NightlyConfig } from '../../src/nightly/config.js';
import { projectRoot } from '../../src/projectRoot.js';
import { PaperStore } from '../../src/store/paperStore.js';

/**
 * Merges kept in the nightly configuration, on real nights: the bundled corpus (--demo),
 * then themes 2 and 5 merged in the configuration, and ten papers of the arXiv sample on
 * each of the next two nights.
 */
const sample = readFileSync(new URL('../fixtures/ingest/arxiv-sample.jsonl', import.meta.url), 'utf8').trimEnd().split('\n');
const NIGHTS: readonly string[] = ['2026-11-20', '2026-11-21', '2026-11-22'];

let assignmentsOf: (night: string) => Map<string, number>;
let recordOf: (night: string) => { themes: Array<{ id: number }>; merges?: number[][]; merged_tonight?: Array<{ id: number; themes: number[] }>; clustering: { k: number }; ended_themes: number[] };
let reportOf: (night: string) => string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pt-merges-'));
  const base: NightlyConfig = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), demo: '--demo' };
  mkdirSync(base.inbox, { recursive: true });
  const options = normaliseOptions({ cacheDir: false, runsIndex: false, quiet: true });
  const io = { log: () => {}, warn: () => {}, waitMs: 0 };
  await runNightly(base, options, NIGHTS[0], io);
  for (const [i, night] of NIGHTS.slice(1).entries()) {
    writeFileSync(join(base.inbox, `${night}.jsonl`), `${sample.slice(10 * i, 10 * i + 10).join('\n')}\n`);
    await runNightly({ ...base, merges: [[5, 2]] }, options, night, io);
  }
  const store = new PaperStore(base.store);
  const runs = new Map(store.doneRunsByNight().map((r) => [r.night, r.id]));
  const byNight = new Map(NIGHTS.map((night) => [night, new Map(store.assignments(runs.get(night)!).map((a) => [a.paperId, a.themeId]))]));
  store.close();
  assignmentsOf = (night) => byNight.get(night)!;
  recordOf = (night) => JSON.parse(readFileSync(join(base.reports, night, 'run.json'), 'utf8'));
  reportOf = (night) => readFileSync(join(base.reports, night, 'index.html'), 'utf8');
}, 180_000);

describe('merges in the nightly configuration', () => {
  it('joins themes 2 and 5 under id 2 on the night they are configured', () => {
    const first = assignmentsOf(NIGHTS[0]);
    const second = assignmentsOf(NIGHTS[1]);
    const ids = recordOf(NIGHTS[1]).themes.map((t) => t.id);
    expect(ids).toContain(2);
    expect(ids).not.toContain(5);
    expect(recordOf(NIGHTS[1]).ended_themes).toContain(5);
    // Most papers of the two themes now sit together in theme 2.
    const joined = [...first].filter(([, theme]) => theme === 2 || theme === 5).map(([paper]) => paper);
    expect(joined.length).toBeGreaterThan(4);
    expect(joined.filter((paper) => second.get(paper) === 2).length / joined.length).toBeGreaterThanOrEqual(0.8);
    expect(recordOf(NIGHTS[1]).merges).toEqual([[5, 2]]);
    // run.json and the report say what was joined tonight.
    expect(recordOf(NIGHTS[1]).merged_tonight).toEqual([{ id: 2, themes: [2, 5] }]);
    expect(reportOf(NIGHTS[1])).toContain('Merged: #2 and #5 as #2 (');
  });

  it('keeps them joined on the next night, and k where k-means found it', () => {
    const second = assignmentsOf(NIGHTS[1]);
    const third = assignmentsOf(NIGHTS[2]);
    const ids = recordOf(NIGHTS[2]).themes.map((t) => t.id);
    expect(ids).toContain(2);
    expect(ids).not.toContain(5);
    const inTwo = [...second].filter(([, theme]) => theme === 2).map(([paper]) => paper);
    expect(inTwo.filter((paper) => third.get(paper) === 2).length / inTwo.length).toBeGreaterThanOrEqual(0.8);
    // The merge costs one theme once, not one a night.
    expect(recordOf(NIGHTS[2]).themes.length).toBeGreaterThanOrEqual(recordOf(NIGHTS[1]).themes.length);
  });
});
