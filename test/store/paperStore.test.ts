import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { PaperStore, StoreError } from '../../src/store/paperStore.js';
import { paperIdFromAbstract, paperIdFromTitle } from '../../src/ingest/paperId.js';
import type { Paper } from '../../src/types.js';
import { entryToLine, lineToEntry } from '../../src/tokenize/tokenCache.js';

const paper = (i: number, extra: Partial<Paper> = {}): Paper => ({ id: `2403.${String(10000 + i)}`, title: `Paper number ${i}`, abstract: `Abstract ${i}.`, ...extra });
const storePath = () => join(mkdtempSync(join(tmpdir(), 'paper-themes-store-')), 'papers.sqlite');

describe('PaperStore', () => {
  it('creates the schema at the latest version and reopens without migrating again', () => {
    const path = storePath();
    const store = new PaperStore(path);
    expect(store.version).toBe(MIGRATIONS.length);
    store.addPapers([paper(1)], 'inbox', '2026-11-01');
    store.close();
    const again = new PaperStore(path);
    expect(again.version).toBe(MIGRATIONS.length);
    expect(again.paperCount()).toBe(1);
    again.close();
  });

  it('refuses a store made by a newer version', () => {
    const path = storePath();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(openFailure(path)).toEqual({ kind: 'newer', message: `the store ${path} is at schema version ${MIGRATIONS.length + 1}, newer than this paper-themes (${MIGRATIONS.length}): upgrade paper-themes` });
  });

  it('adds each paper once by id, and keeps papers with distinct ids that share a title', () => {
    const store = new PaperStore(':memory:');
    expect(store.addPapers([paper(1), paper(2)], 'inbox', '2026-11-01')).toEqual({ added: 2, duplicates: 0 });
    const sameTitle = { ...paper(3), title: 'PAPER number 1!' };
    expect(store.addPapers([paper(1), sameTitle, paper(4)], 'hf-daily', '2026-11-02')).toEqual({ added: 2, duplicates: 1 });
    expect(store.papers('2026-12-31').map((p) => p.id)).toEqual([paper(1).id, paper(2).id, paper(3).id, paper(4).id]);
  });

  it('keeps every field and the arrival order, and selects by night and window', () => {
    const store = new PaperStore(':memory:');
    store.addPapers([paper(5, { date: '2026-10-31', url: 'https://x.org/5', authors: ['A', 'B'], label: 'cs.LG' })], 'inbox', '2026-11-01');
    store.addPapers([paper(2)], 'inbox', '2026-11-02');
    store.addPapers([paper(9)], 'inbox', '2026-11-03');
    expect(store.papers('2026-11-01')).toEqual([paper(5, { date: '2026-10-31', url: 'https://x.org/5', authors: ['A', 'B'], label: 'cs.LG' })]);
    expect(store.papers('2026-11-03', '2026-11-02').map((p) => p.id)).toEqual([paper(2).id, paper(9).id]);
    expect(store.papersPerNight()).toEqual([
      { night: '2026-11-01', papers: 1 }, { night: '2026-11-02', papers: 1 }, { night: '2026-11-03', papers: 1 },
    ]);
  });

  it('keeps tokens per tokenizer rules, durable after flush', () => {
    const path = storePath();
    const store = new PaperStore(path);
    const cache = store.tokenCache('rules-a');
    const doc = { lemmas: ['model', 'merge'], surfaces: ['model', 'merging'], gaps: [2, 0] };
    cache.add([['k'.repeat(32), doc]]);
    cache.flush();
    store.close();
    const reopened = new PaperStore(path);
    expect(reopened.tokenCache('rules-a').get('k'.repeat(32))).toEqual(doc);
    expect(reopened.tokenCache('rules-b').get('k'.repeat(32))).toBeUndefined();
    reopened.close();
  });

  it('gives many entries at once as their cache lines, by one pass or by key, the same either way', () => {
    const store = new PaperStore(storePath());
    const cache = store.tokenCache('rules-a');
    const key = (i: number) => String(i).padStart(32, '0');
    const docs = Array.from({ length: 40 }, (_, i) => ({ lemmas: ['model', `w${i}`], surfaces: ['models', `w${i}`], gaps: [1, 0] }));
    cache.add(docs.map((doc, i): [string, typeof doc] => [key(i), doc]));
    const other = store.tokenCache('rules-b');
    other.add([[key(0), docs[5]]]);
    other.flush();
    cache.flush();
    // Many of the stored keys (one pass), a repeated key and one never stored.
    const many = [key(3), key(3), key(39), ...Array.from({ length: 20 }, (_, i) => key(i)), 'x'.repeat(32)];
    const lines = store.tokenCache('rules-a').lines!(many);
    expect(lines.map((line, i) => (line === undefined ? undefined : lineToEntry(line)?.[0] === many[i]))).toEqual([...many.slice(0, -1).map(() => true), undefined]);
    expect(lineToEntry(lines[0]!)?.[1]).toEqual(docs[3]);
    // A few keys (a query each) give the same lines.
    const few = [key(7), 'y'.repeat(32)];
    expect(store.tokenCache('rules-a').lines!(few)).toEqual([lines[many.indexOf(key(7))], undefined]);
    expect(store.tokenCache('rules-b').lines!([key(0)])).toEqual([entryToLine(key(0), docs[5])]);
    store.close();
  });

  it('stores a run’s themes and assignments at once, and finds the latest done run per night', () => {
    const store = new PaperStore(':memory:');
    store.addPapers([paper(1), paper(2)], 'inbox', '2026-11-01');
    const run = store.startRun('2026-11-01', { k: 2 });
    expect(store.doneRun('latest')).toBeUndefined();
    const centroid = Float64Array.from([0.5, -0.25]);
    store.finishRun(run, {
      night: '2026-11-01', ended: [], record: { total_wall_s: 1 },
      themes: [{ id: 0, label: 'a', size: 1, topTerms: [{ term: 'a', weight: 1 }], representativeIds: [], centroid, quality: { silhouette: 0.5, npmi: 0.1, uniqueTerms: 1 } },
        { id: 1, label: 'b', size: 1, topTerms: [], representativeIds: [], centroid }],
      assignments: [{ paperId: paper(1).id, themeId: 0, score: 0.9, x: 1, y: 2 }, { paperId: paper(2).id, themeId: 1, score: 0.8, x: 3, y: 4 }],
    });
    const done = store.doneRun({ night: '2026-11-01' })!;
    expect(done).toMatchObject({ id: run, status: 'done', papers: 2, parameters: { k: 2 }, record: { total_wall_s: 1 } });
    expect(store.themes(run)[0]).toMatchObject({ id: 0, label: 'a', size: 1, quality: { silhouette: 0.5 } });
    expect(store.themes(run)[0].centroid).toEqual(centroid);
    expect(store.assignments(run)).toHaveLength(2);
    expect(store.nextThemeId()).toBe(2);
    expect(store.doneRun({ before: '2026-11-02' })?.id).toBe(run);
    expect(store.doneRun({ before: '2026-11-01' })).toBeUndefined();
  });

  it('forgets the theme ids a superseded run of the same night made, and never moves nights backwards', () => {
    const store = new PaperStore(':memory:');
    store.addPapers([paper(1), paper(2)], 'inbox', '2026-11-01');
    const centroid = Float64Array.from([1]);
    const finish = (night: string, ids: number[], ended: number[] = []) => store.finishRun(store.startRun(night, {}), {
      night, ended, record: {},
      themes: ids.map((id) => ({ id, label: `t${id}`, size: 1, topTerms: [], representativeIds: [], centroid })),
      assignments: [{ paperId: paper(1).id, themeId: ids[0], score: 1, x: 0, y: 0 }, { paperId: paper(2).id, themeId: ids[ids.length - 1], score: 1, x: 0, y: 0 }],
    });
    finish('2026-11-01', [0, 1]);
    finish('2026-11-02', [0, 2], [1]);
    finish('2026-11-02', [0, 3], [1]); // the night re-run: id 2 is a phantom now
    expect(store.themeIds().map((t) => t.themeId)).toEqual([0, 1, 3]);
    finish('2026-10-30', [0, 1]); // an older night run late
    expect(store.themeIds()).toEqual([
      { themeId: 0, firstNight: '2026-10-30', lastNight: '2026-11-02', endedNight: null },
      { themeId: 1, firstNight: '2026-10-30', lastNight: '2026-11-01', endedNight: '2026-11-02' },
      { themeId: 3, firstNight: '2026-11-02', lastNight: '2026-11-02', endedNight: null },
    ]);
  });

  it('marks runs of dead processes as failed, and leaves live ones alone', () => {
    const store = new PaperStore(':memory:');
    const run = store.startRun('2026-11-01', {});
    expect(store.abandonDeadRuns(() => false)).toBe(0); // our own process
    const db = (store as unknown as { db: Database.Database }).db;
    db.prepare('UPDATE runs SET pid = 999999 WHERE id = ?').run(run);
    expect(store.abandonDeadRuns(() => true)).toBe(0);
    expect(store.abandonDeadRuns(() => false)).toBe(1);
    expect(store.doneRunsByNight()).toEqual([]);
  });

  it('records what each source did per night', () => {
    const store = new PaperStore(':memory:');
    store.recordSource('2026-11-01', 'inbox', 'ok', 3, null);
    store.recordSource('2026-11-01', 'hf-daily', 'failed', 0, 'HTTP 500');
    expect(store.sourceEvents('2026-11-01')).toEqual([
      { source: 'inbox', status: 'ok', papers: 3, message: null },
      { source: 'hf-daily', status: 'failed', papers: 0, message: 'HTTP 500' },
    ]);
  });
});

describe('PaperStore: which papers are one', () => {
  const noId = (title: string, abstract: string): Paper => ({ id: paperIdFromTitle(title), title, abstract });

  it('stores the written forms of one arXiv id once, under the bare id', () => {
    const store = new PaperStore(':memory:');
    expect(store.addPapers([paper(1, { id: '2602.23229' })], 'hf-daily', '2026-11-01')).toEqual({ added: 1, duplicates: 0 });
    const forms = ['arXiv:2602.23229', '2602.23229v2', 'https://arxiv.org/abs/2602.23229v1'].map((id, i) => paper(10 + i, { id }));
    expect(store.addPapers(forms, 'inbox', '2026-11-01')).toEqual({ added: 0, duplicates: 3 });
    expect(store.addPapers([paper(20, { id: 'arXiv:hep-th/9901001v2' })], 'inbox', '2026-11-01')).toEqual({ added: 1, duplicates: 0 });
    expect(store.papers('2026-12-31').map((p) => p.id)).toEqual(['2602.23229', 'hep-th/9901001']);
  });

  it('keeps "Erratum"s with distinct source ids, even with one abstract', () => {
    const store = new PaperStore(':memory:');
    const errata = ['10.1/a', '10.1/b', '10.1/c'].map((id) => ({ id, title: 'Erratum', abstract: 'A correction.' }));
    expect(store.addPapers(errata, 'inbox', '2026-11-01')).toEqual({ added: 3, duplicates: 0 });
  });

  it('treats a paper without a source id as stored when its title and abstract match a stored one', () => {
    const store = new PaperStore(':memory:');
    store.addPapers([{ id: '2403.01234', title: 'Model Merging', abstract: 'We merge models.' }], 'hf-daily', '2026-11-01');
    expect(store.addPapers([noId('model merging!', 'We MERGE models')], 'inbox', '2026-11-02')).toEqual({ added: 0, duplicates: 1 });
    // and the other way round: the source id arrives after the paper without one
    store.addPapers([noId('Data Selection', 'We select data.')], 'inbox', '2026-11-02');
    expect(store.addPapers([{ id: '2403.09999', title: 'Data selection', abstract: 'We select data.' }], 'hf-daily', '2026-11-03'))
      .toEqual({ added: 0, duplicates: 1 });
    expect(store.paperCount()).toBe(2);
  });

  it('stores a paper without a source id whose abstract differs, under a distinct id, in the same batch or a later one', () => {
    const store = new PaperStore(':memory:');
    const first = noId('Editorial', 'This issue is about graphs.');
    const second = noId('Editorial', 'This issue is about proteins.');
    const third = noId('Editorial', 'This issue is about climate.');
    expect(store.addPapers([first, second], 'inbox', '2026-11-01')).toEqual({ added: 2, duplicates: 0 });
    expect(store.addPapers([third, second], 'inbox', '2026-11-02')).toEqual({ added: 1, duplicates: 1 });
    const ids = store.papers('2026-12-31').map((p) => p.id);
    expect(ids[0]).toBe(first.id);
    expect(new Set(ids).size).toBe(3);
    expect(store.papers('2026-12-31').map((p) => p.abstract)).toEqual([first.abstract, second.abstract, third.abstract]);
  });

  it('drops a repeat within one batch like ingest does', () => {
    const store = new PaperStore(':memory:');
    expect(store.addPapers([paper(1), paper(1, { id: `arXiv:${paper(1).id}v3` }), noId('X', 'Y.'), noId('x', 'y')], 'inbox', '2026-11-01'))
      .toEqual({ added: 2, duplicates: 2 });
  });

  it('keeps the mark of a derived title', () => {
    const path = storePath();
    const store = new PaperStore(path);
    const untitled: Paper = { id: paperIdFromAbstract('Sepsis kills. More.'), title: 'Sepsis kills', abstract: 'Sepsis kills. More.', titleDerived: true };
    store.addPapers([untitled, paper(1)], 'inbox', '2026-11-01');
    store.close();
    const reopened = new PaperStore(path);
    expect(reopened.papers('2026-12-31')).toEqual([untitled, paper(1)]);
    reopened.close();
  });
});

describe('PaperStore: upgrading a store made before ids were normalised', () => {
  /** A version-1 store with papers under raw arXiv ids, a run and its assignments. */
  function version1Store(): string {
    const path = storePath();
    const db = new Database(path);
    db.exec(MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    const insert = db.prepare(`INSERT INTO papers (id, title_key, title, abstract, source, night, seq) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    insert.run('2602.23229', 'large multimodal models', 'Large Multimodal Models', 'LMMs classify.', 'hf-daily', '2026-11-01', 1);
    insert.run('arXiv:2602.23229v2', 'large multimodal models v2', 'Large Multimodal Models v2', 'LMMs classify.', 'inbox', '2026-11-01', 2);
    insert.run('https://arxiv.org/abs/hep-th/9901001v1', 'strings', 'Strings', 'On strings.', 'inbox', '2026-11-01', 3);
    insert.run('W42', 'other', 'Other', 'Other text.', 'inbox', '2026-11-02', 4);
    const run = Number(db.prepare(`INSERT INTO runs (night, status, pid, started_at) VALUES ('2026-11-01', 'done', 1, 'x')`).run().lastInsertRowid);
    const assign = db.prepare('INSERT INTO assignments (run_id, paper_id, theme_id, score, x, y) VALUES (?, ?, ?, ?, ?, ?)');
    assign.run(run, '2602.23229', 0, 0.9, 0, 0);
    assign.run(run, 'arXiv:2602.23229v2', 1, 0.8, 1, 1);
    assign.run(run, 'https://arxiv.org/abs/hep-th/9901001v1', 0, 0.7, 2, 2);
    db.close();
    return path;
  }

  it('normalises stored ids and their assignments, merging two forms of one id into the first to arrive', () => {
    const store = new PaperStore(version1Store());
    expect(store.version).toBe(MIGRATIONS.length);
    expect(store.papers('2026-12-31').map((p) => [p.id, p.title])).toEqual([
      ['2602.23229', 'Large Multimodal Models'],
      ['hep-th/9901001', 'Strings'],
      ['W42', 'Other'],
    ]);
    const run = store.doneRun('latest')!;
    expect(store.assignments(run.id).map((a) => [a.paperId, a.themeId])).toEqual([['2602.23229', 0], ['hep-th/9901001', 0]]);
    store.close();
  });

  it('then stores papers with distinct ids that share a title, and an arXiv id in another form only once', () => {
    const store = new PaperStore(version1Store());
    expect(store.addPapers([{ id: 'W43', title: 'Other', abstract: 'Different text.' }], 'inbox', '2026-11-03')).toEqual({ added: 1, duplicates: 0 });
    expect(store.addPapers([{ id: 'hep-th/9901001v4', title: 'Strings', abstract: 'On strings.' }], 'inbox', '2026-11-03')).toEqual({ added: 0, duplicates: 1 });
    store.close();
  });
});
describe('PaperStore: upgrading a store made before gains were recorded (schema 2)', () => {
  /** A version-2 store: two nights, the second re-run once, and what each run assigned. */
  function version2Store(): string {
    const path = storePath();
    const db = new Database(path);
    db.exec(MIGRATIONS[0] as string);
    (MIGRATIONS[1] as (db: Database.Database) => void)(db);
    db.pragma('user_version = 2');
    const insert = db.prepare(`INSERT INTO papers (id, title_key, content_key, title, abstract, source, night, seq) VALUES (?, ?, ?, ?, ?, 'inbox', ?, ?)`);
    ['a', 'b', 'c'].forEach((id, i) => insert.run(id, id, id, id, id, '2026-11-01', i + 1));
    ['d', 'e'].forEach((id, i) => insert.run(id, id, id, id, id, '2026-11-02', i + 4));
    const run = (night: string, status = 'done') => Number(db.prepare(`INSERT INTO runs (night, status, pid, started_at) VALUES (?, ?, 1, 'x')`).run(night, status).lastInsertRowid);
    const theme = db.prepare(`INSERT INTO themes (run_id, theme_id, label, terms, centroid, size) VALUES (?, ?, ?, '[]', x'0000000000000000', ?)`);
    const assign = db.prepare('INSERT INTO assignments (run_id, paper_id, theme_id, score, x, y) VALUES (?, ?, ?, 0, 0, 0)');
    const night1 = run('2026-11-01');
    theme.run(night1, 0, 'x', 2);
    theme.run(night1, 1, 'y', 1);
    for (const [paper, id] of [['a', 0], ['b', 0], ['c', 1]] as const) assign.run(night1, paper, id);
    run('2026-11-02', 'failed');
    for (const _ of [1, 2]) { // the night run twice: both runs count their gains from night 1's run
      const night2 = run('2026-11-02');
      theme.run(night2, 0, 'x', 2);
      theme.run(night2, 1, 'y', 3);
      for (const [paper, id] of [['a', 0], ['b', 0], ['c', 1], ['d', 1], ['e', 1]] as const) assign.run(night2, paper, id);
    }
    db.close();
    return path;
  }

  it('fills in each stored theme’s gains from its run’s assignments and the previous night’s', () => {
    const store = new PaperStore(version2Store());
    expect(store.version).toBe(MIGRATIONS.length);
    const runs = store.doneRunsByNight();
    expect(runs.map((r) => r.night)).toEqual(['2026-11-01', '2026-11-02']);
    expect(store.themes(runs[0].id).map((t) => [t.id, t.size, t.gained])).toEqual([[0, 2, 2], [1, 1, 1]]);
    expect(store.themes(runs[1].id).map((t) => [t.id, t.size, t.gained])).toEqual([[0, 2, 0], [1, 3, 2]]);
    expect(store.themes(runs[1].id - 1).map((t) => t.gained)).toEqual([0, 2]); // the superseded run of night 2
    store.close();
  });

  it('then stores new runs’ gains as given', () => {
    const store = new PaperStore(version2Store());
    const run = store.startRun('2026-11-03', {});
    store.finishRun(run, {
      night: '2026-11-03', ended: [], record: {},
      themes: [{ id: 0, label: 'x', size: 5, gained: 0, topTerms: [], representativeIds: [], centroid: Float64Array.from([1]) }],
      assignments: ['a', 'b', 'c', 'd', 'e'].map((paperId) => ({ paperId, themeId: 0, score: 1, x: 0, y: 0 })),
    });
    expect(store.themes(run).map((t) => t.gained)).toEqual([0]);
    store.close();
  });

  it('keeps each paper\'s loose-fit flag as a night stored it, and none for the runs stored before (schema 4)', () => {
    const store = new PaperStore(version2Store());
    const before = store.doneRunsByNight()[0];
    expect(store.assignments(before.id).every((a) => a.looseFit === undefined)).toBe(true);
    const run = store.startRun('2026-11-03', {});
    store.finishRun(run, {
      night: '2026-11-03', ended: [], record: {},
      themes: [{ id: 0, label: 'x', size: 5, gained: 0, topTerms: [], representativeIds: [], centroid: Float64Array.from([1]) }],
      assignments: ['a', 'b', 'c', 'd', 'e'].map((paperId, i) => ({ paperId, themeId: 0, score: 1, x: 0, y: 0, looseFit: i === 3 })),
    });
    expect(store.assignments(run).map((a) => a.looseFit)).toEqual([false, false, false, true, false]);
    store.close();
  });
});

/** A store of `n` papers, closed (its WAL checkpointed into the file). */
function filledStore(n: number): string {
  const path = storePath();
  const store = new PaperStore(path);
  store.addPapers(Array.from({ length: n }, (_, i) => paper(i, { abstract: `Abstract ${i} `.repeat(40) })), 'inbox', '2026-11-01');
  store.close();
  return path;
}

/** What opening `path` throws: kind and message (undefined: it opened). */
function openFailure(path: string, options?: ConstructorParameters<typeof PaperStore>[1]): { kind: string; message: string } | undefined {
  try {
    new PaperStore(path, options).close();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return { kind: (error as StoreError).kind, message: (error as Error).message };
  }
}

describe('PaperStore on a damaged or unusable file', () => {
  it('refuses a 0-byte store file, naming it and what to do, and leaves it as it was', () => {
    const path = storePath();
    writeFileSync(path, '');
    const failure = openFailure(path);
    expect(failure).toEqual({ kind: 'damaged', message: expect.stringContaining(`the store ${path} is empty (0 bytes)`) });
    expect(failure!.message).toMatch(/restore it from a backup, or move it away to start a new store/);
    expect(statSync(path).size).toBe(0);
    expect(readdirSync(dirname(path))).toEqual(['papers.sqlite']);
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = storePath();
    writeFileSync(path, 'id,title,abstract\n1,Not a store,At all\n'.repeat(50));
    expect(openFailure(path)).toEqual({ kind: 'damaged', message: expect.stringContaining(`the store ${path} is not a SQLite database`) });
    expect(readFileSync(path, 'utf8')).toMatch(/^id,title,abstract/);
  });

  it.each([0.5, 0.05])('refuses a store truncated to %s of its size', (share) => {
    const path = filledStore(300);
    truncateSync(path, Math.floor(statSync(path).size * share));
    expect(openFailure(path)).toEqual({ kind: 'damaged', message: expect.stringMatching(new RegExp(`^the store ${path} is damaged \\(.+\\): restore it`)) });
  });

  it('refuses a store with a damaged page that only an integrity check finds', () => {
    const path = filledStore(300);
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const last = bytes.length - pageSize;
    bytes.fill(0xa5, last + 8, last + pageSize);
    writeFileSync(path, bytes);
    expect(openFailure(path)).toEqual({ kind: 'damaged', message: expect.stringContaining(`the store ${path} is damaged`) });
  });

  it('refuses a folder where the store should be', () => {
    const path = storePath();
    mkdirSync(path);
    expect(openFailure(path)).toEqual({ kind: 'damaged', message: expect.stringContaining(`the store ${path} is a folder, not a store file`) });
  });

  it('opens a good store as before: the checks pass on a healthy file', () => {
    const path = filledStore(300);
    const store = new PaperStore(path);
    expect(store.paperCount()).toBe(300);
    store.close();
  });

  it('does not create a store that must exist, and says so', () => {
    const path = storePath();
    expect(openFailure(path, { mustExist: true })).toEqual({ kind: 'missing', message: expect.stringContaining(`there is no store at ${path}`) });
    expect(existsSync(path)).toBe(false);
  });

  it('never leaves a half-created store: a new store appears complete, with no temporaries beside it', () => {
    const path = storePath();
    new PaperStore(path).close();
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(readdirSync(dirname(path))).toEqual(['papers.sqlite']);
  });

  it('says when another process keeps the store locked beyond the busy timeout', () => {
    const path = filledStore(3);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(openFailure(path, { busyTimeoutMs: 50 })).toEqual({ kind: 'busy', message: expect.stringContaining(`the store ${path} is locked by another process`) });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    new PaperStore(path).close();
  });
});
