import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { acquireLock } from '../../src/nightly/lock.js';
import { PaperStore } from '../../src/store/paperStore.js';
import { localServer } from '../sources/localServer.js';

const bin = fileURLToPath(new URL('../../bin/paper-themes.js', import.meta.url));
const hfFixture = readFileSync(new URL('../fixtures/sources/hf_daily_papers.json', import.meta.url), 'utf8');

/** A fresh working folder: store, reports and inbox inside it. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'pt-nightly-'));
  const paths = { dir, store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox') };
  mkdirSync(paths.inbox);
  return paths;
}
type Workspace = ReturnType<typeof workspace>;

/** These nights start from the demo corpus (--demo): 70 bundled papers on the first night. */
const args = (w: Workspace, night: string, ...more: string[]) =>
  ['nightly', '--date', night, '--demo', '--store', w.store, '--reports', w.reports, '--inbox', w.inbox, ...more];

async function nightly(w: Workspace, night: string, ...more: string[]) {
  let out = '';
  let err = '';
  const code = await main(args(w, night, ...more), { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

/** The two papers of the Hugging Face fixture as an inbox file. */
function dropHfPapers(w: Workspace, name = 'day.jsonl') {
  const items = JSON.parse(hfFixture) as Array<{ paper: { id: string; title: string; summary: string } }>;
  writeFileSync(join(w.inbox, name), items.map((i) => JSON.stringify({ id: i.paper.id, title: i.paper.title, abstract: i.paper.summary })).join('\n') + '\n');
}

function storeFacts(w: Workspace) {
  const store = new PaperStore(w.store);
  try {
    const runs = store.doneRunsByNight();
    const last = runs[runs.length - 1];
    return { papers: store.paperCount(), runs, assignments: last ? store.assignments(last.id) : [], themes: last ? store.themes(last.id) : [] };
  } finally {
    store.close();
  }
}

describe('paper-themes nightly', () => {
  it('under --demo, seeds an empty store with the bundled corpus and writes the night’s report, latest and the index', async () => {
    const w = workspace();
    const { code, out } = await nightly(w, '2026-11-20', '--quiet');
    expect(code).toBe(0);
    expect(out).toContain('Night 2026-11-20: 70 papers');
    for (const folder of ['2026-11-20', 'latest']) {
      expect(readdirSync(join(w.reports, folder)).sort()).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'model', 'run.json', 'themes.csv']);
    }
    expect(readFileSync(join(w.reports, 'index.html'), 'utf8')).toContain('href="2026-11-20/index.html"');
    expect(readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8')).toBe(readFileSync(join(w.reports, 'latest', 'assignments.csv'), 'utf8'));
    const facts = storeFacts(w);
    expect(facts.papers).toBe(70);
    expect(facts.assignments).toHaveLength(70);
  });

  it('changes nothing when run again for the same night, and says so', async () => {
    const w = workspace();
    await nightly(w, '2026-11-20', '--quiet');
    const csv = readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8');
    const again = await nightly(w, '2026-11-20', '--quiet');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Night 2026-11-20 was already done (run 1); no new papers, nothing changed.');
    expect(storeFacts(w).runs).toHaveLength(1);
    expect(readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8')).toBe(csv);
  });

  it('keeps every theme id when no new papers arrive, and most of them when a few do', async () => {
    const w = workspace();
    await nightly(w, '2026-11-20', '--quiet');
    const first = new Map(storeFacts(w).assignments.map((a) => [a.paperId, a.themeId]));
    await nightly(w, '2026-11-21', '--quiet');
    const second = storeFacts(w);
    expect(second.runs).toHaveLength(2);
    expect(second.assignments.every((a) => first.get(a.paperId) === a.themeId)).toBe(true);
    dropHfPapers(w);
    await nightly(w, '2026-11-22', '--quiet');
    const third = storeFacts(w);
    expect(third.papers).toBe(72);
    const kept = third.assignments.filter((a) => first.get(a.paperId) === a.themeId).length;
    expect(kept / 70).toBeGreaterThan(0.9);
    expect(readdirSync(join(w.inbox, 'done'))).toEqual(['day.jsonl']);
    // The report of the third night shows the trends over the three nights.
    const html = readFileSync(join(w.reports, '2026-11-22', 'index.html'), 'utf8');
    expect(html).toContain('id="spec-trends"');
    expect(html).toContain('<h2>Tonight (2026-11-22)</h2>');
  });

  it('records how k was chosen each night, warning (even under --quiet) when k is at the top of the range', async () => {
    const w = workspace();
    const first = await nightly(w, '2026-11-20', '--quiet');
    const note = 'silhouette still rising at k = 12, the top of the k range 2-12: try --k-range 2-24';
    expect(first.err).toContain(`warning: --k auto: ${note}`);
    const night1 = JSON.parse(readFileSync(join(w.reports, '2026-11-20', 'run.json'), 'utf8'));
    expect(night1.clustering.k).toBe(12);
    expect(night1.clustering.k_selection).toMatchObject({ chosen: 12, searched_range: [2, 12], edge: 'top', edge_note: note });
    // The next refit searches near last night's k only; the edge is still the range's top.
    await nightly(w, '2026-11-21', '--quiet', '--refit');
    const night2 = JSON.parse(readFileSync(join(w.reports, '2026-11-21', 'run.json'), 'utf8'));
    expect(night2.clustering.k_selection.searched_range).toEqual([9, 12]);
    expect(night2.clustering.k_selection.reason).toContain("searched within 3 of last night's k");
    const html = readFileSync(join(w.reports, '2026-11-21', 'index.html'), 'utf8');
    expect(html).toContain(`<p class="hint">k = ${night2.clustering.k}, `);
    expect(html).toContain(`Note: ${note}.`);
    // The range the note suggests is an option of the nightly job too.
    const wider = workspace();
    const third = await nightly(wider, '2026-11-20', '--quiet', '--k-range', '2-24');
    expect(third.code).toBe(0);
    expect(third.err).not.toContain('--k auto');
    const night3 = JSON.parse(readFileSync(join(wider.reports, '2026-11-20', 'run.json'), 'utf8'));
    expect(night3.clustering.k_selection).toMatchObject({ searched_range: [2, 24], edge: null });
  });

  it('keeps a label pinned in the config file on later nights', async () => {
    const w = workspace();
    await nightly(w, '2026-11-20', '--quiet');
    const target = storeFacts(w).themes.find((t) => t.label.includes('model merging'))!;
    const config = join(w.dir, 'nightly.json');
    writeFileSync(config, JSON.stringify({ pins: { [String(target.id)]: 'Model merging (pinned)' } }));
    dropHfPapers(w);
    await nightly(w, '2026-11-21', '--quiet', '--config', config);
    await nightly(w, '2026-11-22', '--quiet', '--config', config);
    expect(storeFacts(w).themes.find((t) => t.id === target.id)?.label).toBe('Model merging (pinned)');
    const row = readFileSync(join(w.reports, 'latest', 'themes.csv'), 'utf8').split('\r\n').find((line) => line.includes('Model merging (pinned)'))!;
    // The label quality is the pinned label's: "model" and "merging" find the theme's papers.
    const [, , , , , , precision, recall] = row.split(',').map(Number);
    expect(precision).toBeGreaterThan(0.5);
    expect(recall).toBeGreaterThan(0.5);
  });

  it('exports any stored night with the columns of assignments.csv, loose fits as the night flagged them', async () => {
    const w = workspace();
    await nightly(w, '2026-11-20', '--quiet');
    dropHfPapers(w);
    await nightly(w, '2026-11-21', '--quiet');
    const out = join(w.dir, 'export.csv');
    let stdout = '';
    const code = await main(['export', '--run', '2026-11-20', '--store', w.store, '--out', out], { out: { write: (s: string) => (stdout += s) }, err: { write: () => {} } });
    expect(code).toBe(0);
    expect(stdout).toContain('70 papers of night 2026-11-20');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8'));
    // loose_fit last, recomputed from the stored scores: the same papers the night flagged.
    const exported = csvParse(readFileSync(out, 'utf8'));
    expect(exported.columns.at(-1)).toBe('loose_fit');
    const night = JSON.parse(readFileSync(join(w.reports, '2026-11-20', 'run.json'), 'utf8'));
    expect(exported.filter((r) => r.loose_fit === 'true')).toHaveLength(night.loose.papers);
    expect(night.loose.papers).toBeGreaterThan(0);
    const themes = csvParse(readFileSync(join(w.reports, '2026-11-20', 'themes.csv'), 'utf8'));
    expect(themes.columns.slice(-2)).toEqual(['loose', 'parent']);
    expect(themes.filter((t) => t.loose === 'true')).toHaveLength(night.loose.themes);
    expect(night.themes.map((t: { loose: boolean }) => String(t.loose)).sort()).toEqual(themes.map((t) => t.loose).sort());
    await main(['export', '--run', 'latest', '--store', w.store, '--out', out], { out: { write: () => {} }, err: { write: () => {} } });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(w.reports, '2026-11-21', 'assignments.csv'), 'utf8'));
    // --csv-bom: the same bytes after a UTF-8 byte order mark (for Excel).
    await main(['export', '--run', 'latest', '--store', w.store, '--out', `${out}.bom`, '--csv-bom'], { out: { write: () => {} }, err: { write: () => {} } });
    expect(readFileSync(`${out}.bom`)).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(out)]));
    let err = '';
    expect(await main(['export', '--run', '2026-01-01', '--store', w.store, '--out', out], { out: { write: () => {} }, err: { write: (s: string) => (err += s) } })).toBe(2);
    expect(err).toContain('--run: no finished night 2026-01-01');
  });
});

describe('paper-themes nightly when sources fail', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  it('goes on with the other sources, records the failure and exits 0', async () => {
    const server = await localServer((_, res) => { res.statusCode = 500; res.end('down'); });
    close = server.close;
    const w = workspace();
    const config = join(w.dir, 'nightly.json');
    writeFileSync(config, JSON.stringify({ hfDaily: { baseUrl: server.baseUrl }, http: { retries: 1, backoffMs: 5, timeoutMs: 1000 } }));
    dropHfPapers(w);
    const { code, err } = await nightly(w, '2026-11-20', '--quiet', '--config', config, '--source', 'hf-daily,inbox');
    expect(code).toBe(0);
    expect(err).toMatch(/hf-daily failed: .*HTTP 500 after 2 attempts/);
    expect(storeFacts(w).papers).toBe(72);
    const store = new PaperStore(w.store);
    expect(store.sourceEvents('2026-11-20').map((e) => [e.source, e.status])).toEqual([['bundled', 'ok'], ['hf-daily', 'failed'], ['inbox', 'ok']]);
    store.close();
    const run = JSON.parse(readFileSync(join(w.reports, '2026-11-20', 'run.json'), 'utf8'));
    expect(run.sources.find((s: { source: string }) => s.source === 'hf-daily').status).toBe('failed');
  });

  it('takes the papers of a good day from the Hugging Face API', async () => {
    const server = await localServer((_, res) => res.end(hfFixture));
    close = server.close;
    const w = workspace();
    const config = join(w.dir, 'nightly.json');
    writeFileSync(config, JSON.stringify({ hfDaily: { baseUrl: server.baseUrl } }));
    expect((await nightly(w, '2026-11-20', '--quiet', '--config', config, '--source', 'hf-daily')).code).toBe(0);
    expect(server.urls).toEqual(['/api/daily_papers?date=2026-11-20']);
    expect(storeFacts(w).papers).toBe(72);
  });

  it('exits 1 when nothing could be ingested and the store is empty', async () => {
    const w = workspace();
    const config = join(w.dir, 'nightly.json');
    writeFileSync(config, JSON.stringify({ bundledCorpus: join(w.dir, 'missing.txt') }));
    writeFileSync(join(w.inbox, 'truncated.jsonl.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]));
    const { code, err } = await nightly(w, '2026-11-20', '--quiet', '--config', config);
    expect(code).toBe(1);
    expect(err).toContain('nothing could be ingested and the store');
    expect(err).toMatch(/bundled failed/);
    expect(existsSync(join(w.inbox, 'truncated.jsonl.gz'))).toBe(true);
  });
});

describe('paper-themes nightly under concurrency and crashes', () => {
  it('makes a second run started meanwhile exit 4 with a clear message, or wait with --wait', async () => {
    const w = workspace();
    const release = await acquireLock(`${w.store}.lock`, 0);
    const refused = await nightly(w, '2026-11-20', '--quiet');
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(`another nightly run (pid ${process.pid}`);
    expect(existsSync(w.store)).toBe(false);
    setTimeout(release, 300);
    const waited = await nightly(w, '2026-11-20', '--quiet', '--wait', '10');
    expect(waited.code).toBe(0);
    expect(storeFacts(w).runs).toHaveLength(1);
  });

  it.each(['after-ingest', 'after-fit', 'mid-report', 'before-done'])(
    'completes on the next run after a SIGKILL %s, losing and duplicating nothing',
    (point) => {
      const w = workspace();
      dropHfPapers(w);
      const killed = spawnSync(process.execPath, [bin, ...args(w, '2026-11-20', '--quiet')], {
        env: { ...process.env, PAPER_THEMES_CRASH_AT: point }, encoding: 'utf8',
      });
      expect(killed.signal).toBe('SIGKILL');
      // Never a half-written report: a night folder is either absent or complete.
      for (const folder of existsSync(w.reports) ? readdirSync(w.reports).filter((f) => !f.startsWith('.') && f !== 'index.html') : []) {
        expect(readdirSync(join(w.reports, folder)).sort(), folder).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'model', 'run.json', 'themes.csv']);
        JSON.parse(readFileSync(join(w.reports, folder, 'run.json'), 'utf8'));
      }
      const again = spawnSync(process.execPath, [bin, ...args(w, '2026-11-20', '--quiet')], { encoding: 'utf8' });
      expect(again.status, again.stderr).toBe(0);
      const facts = storeFacts(w);
      expect(facts.papers).toBe(72);
      expect(facts.runs.map((r) => r.night)).toEqual(['2026-11-20']);
      expect(new Set(facts.assignments.map((a) => a.paperId)).size).toBe(72);
      expect(readdirSync(w.inbox)).toEqual(['done']);
      expect(readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(73);
      expect(readdirSync(w.reports).filter((f) => f.startsWith('.'))).toEqual([]);
    },
  );
});

describe('paper-themes nightly, re-runs and odd orders', () => {
  it('clusters papers committed by a run killed before it could, even when the night was done before', () => {
    const w = workspace();
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [bin, ...args(w, '2026-11-20', '--quiet')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(run().status).toBe(0);
    dropHfPapers(w);
    expect(run({ PAPER_THEMES_CRASH_AT: 'after-ingest' }).signal).toBe('SIGKILL');
    const again = run();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Night 2026-11-20: 72 papers');
    expect(storeFacts(w).assignments).toHaveLength(72);
    expect(readFileSync(join(w.reports, '2026-11-20', 'assignments.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(73);
  });

  it('leaves latest/ on the newest night when an older night is run', async () => {
    const w = workspace();
    await nightly(w, '2026-11-20', '--quiet');
    await nightly(w, '2026-11-22', '--quiet');
    dropHfPapers(w);
    expect((await nightly(w, '2026-11-21', '--quiet')).out).toContain('Night 2026-11-21: 72 papers');
    expect(JSON.parse(readFileSync(join(w.reports, 'latest', 'run.json'), 'utf8')).night).toBe('2026-11-22');
    const index = readFileSync(join(w.reports, 'index.html'), 'utf8');
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['2026-11-22/index.html', '2026-11-21/index.html', '2026-11-20/index.html']);
    expect(index).toContain('<td class="num">72</td>');
  });

  it('creates the store’s folder, and refuses an impossible date with exit 2', async () => {
    const w = workspace();
    const nested = { ...w, store: join(w.dir, 'deep', 'er', 'papers.sqlite') };
    expect((await nightly(nested, '2026-11-20', '--quiet')).code).toBe(0);
    const bad = await nightly(w, '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--date: "2026-13-01" is not valid; expected a date YYYY-MM-DD');
    let err = '';
    expect(await main(['export', '--run', '2026-02-30', '--store', nested.store, '--out', join(w.dir, 'x.csv')], { out: { write: () => {} }, err: { write: (s: string) => (err += s) } })).toBe(2);
    expect(err).toContain('--run: "2026-02-30" is not valid');
  });
});
