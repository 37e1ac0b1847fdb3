import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { normalisePaperId } from '../ingest/normalisePaperId.js';
import { paperIdFromTitleAndAbstract } from '../ingest/paperId.js';
import { contentKey, duplicateRule, titleKey, type PaperText } from '../ingest/paperIdentity.js';
import { entryToLine, isCacheLine, lineToEntry, type TokenCache } from '../tokenize/tokenCache.js';
import type { Paper, Theme } from '../types.js';
import { MIGRATIONS } from './migrations.js';
import { checkStoreFile, probeWrite, publishStore, quickCheck, storeErrorOf, StoreError } from './storeFile.js';

export { StoreError };

export interface OpenOptions {
  /** Refuse (StoreError 'missing') instead of creating a store that does not exist. */
  mustExist?: boolean;
  /** How long to wait for another process's lock on the store (default 10 s). */
  busyTimeoutMs?: number;
}

/** A stored run: one nightly clustering. */
export interface StoredRun {
  id: number;
  night: string;
  status: 'running' | 'done' | 'failed';
  pid: number;
  papers: number | null;
  parameters: Record<string, unknown> | null;
  record: Record<string, unknown> | null;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A theme as stored for a run; `id` is the stable theme id. */
export interface StoredTheme extends Theme {
  centroid: Float64Array;
  /**
   * Papers it took of its night's new ones: papers the previous night's run had not
   * clustered (first ingested that night, or by a run killed before it clustered them).
   * Null for a theme stored without it.
   */
  gained?: number | null;
}

export interface StoredAssignment {
  paperId: string;
  themeId: number;
  score: number;
  x: number;
  y: number;
  /** As the night decided it; undefined for runs stored before schema 4. */
  looseFit?: boolean;
}

export interface AddResult {
  added: number;
  /** Already in the store (see addPapers), or repeated within the batch. */
  duplicates: number;
}

/**
 * The embedded store (SQLite through better-sqlite3): papers, their tokens, runs, themes
 * per run, assignments per run, the stable theme ids and what each source did. One file;
 * WAL journaling, so a crash loses at most the transaction in flight and readers never see
 * half of one. The only module that speaks SQL.
 */
export class PaperStore {
  readonly path: string;
  private readonly db: Database.Database;

  /**
   * Opens (creating if needed, unless `mustExist`) and migrates the store at `path`
   * (':memory:' for tests). A store that is empty, not SQLite, damaged (integrity
   * check), read-only or kept locked by another process is refused with a StoreError
   * naming the file: it is never replaced by a new one.
   */
  constructor(path: string, options: OpenOptions = {}) {
    this.path = path;
    const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    if (path === ':memory:') {
      this.db = openDb(path, busyTimeoutMs);
      migrate(this.db);
      return;
    }
    if (checkStoreFile(path) === 'absent') {
      if (options.mustExist) throw new StoreError('missing', `there is no store at ${path}: run paper-themes nightly first, or name the store with --store FILE`);
      createStore(path, busyTimeoutMs);
    }
    let db: Database.Database | undefined;
    try {
      db = openDb(path, busyTimeoutMs, { fileMustExist: true });
      quickCheck(db, path);
      probeWrite(db);
      migrate(db, path);
    } catch (error) {
      db?.close();
      throw storeErrorOf(path, error, busyTimeoutMs);
    }
    this.db = db;
  }

  close(): void {
    this.db.close();
  }

  /** Schema version (the number of migrations applied). */
  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Adds papers that are not stored yet, in one transaction: all of them or none. A paper is
   * already stored when `duplicateRule` (src/ingest/paperIdentity.ts, the rule ingest uses)
   * says a stored one is the same: same normalised id, or, when one has no source id, same
   * title and abstract. Ids are normalised first; a paper without a source id whose derived
   * id a different stored paper holds gets the id ingest would give it.
   */
  addPapers(papers: readonly Paper[], source: string, night: string): AddResult {
    const insert = this.db.prepare(
      `INSERT INTO papers (id, title_key, content_key, title, title_derived, abstract, date, url, authors, label, source, night, seq)
       VALUES (@id, @titleKey, @contentKey, @title, @titleDerived, @abstract, @date, @url, @authors, @label, @source, @night, @seq)`,
    );
    const byId = this.db.prepare('SELECT id, title, abstract FROM papers WHERE id = ?');
    const byContent = this.db.prepare('SELECT id, title, abstract FROM papers WHERE content_key = ?');
    return this.db.transaction(() => {
      // The arrival counter is read once per batch (inside the transaction, so no other
      // writer can interleave), not once per paper.
      let seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM papers').get() as { seq: number }).seq;
      let added = 0;
      for (const p of papers) {
        const id = normalisePaperId(p.id);
        const key = contentKey(p);
        const holder = byId.get(id) as PaperText | undefined;
        const stored = [holder, ...(byContent.all(key) as PaperText[])];
        if (stored.some((s) => s !== undefined && duplicateRule({ ...p, id }, s) !== undefined)) continue;
        // A holder that is not this paper has the same derived title id ("Editorial" again).
        insert.run({
          id: holder === undefined ? id : paperIdFromTitleAndAbstract(p.title, p.abstract),
          titleKey: titleKey(p), contentKey: key, title: p.title, titleDerived: p.titleDerived ? 1 : null, abstract: p.abstract,
          date: p.date ?? null, url: p.url ?? null, authors: p.authors ? JSON.stringify(p.authors) : null,
          label: p.label ?? null, source, night, seq: ++seq,
        });
        added++;
      }
      return { added, duplicates: papers.length - added };
    })();
  }

  /** Papers that arrived on or before `night` (and on or after `since`), in arrival order. */
  papers(night: string, since?: string): Paper[] {
    const rows = this.db.prepare(
      `SELECT id, title, title_derived, abstract, date, url, authors, label FROM papers
       WHERE night <= ? AND night >= ? ORDER BY seq`,
    ).all(night, since ?? '') as Array<Record<string, string | number | null>>;
    return rows.map((r) => {
      const paper: Paper = { id: r.id as string, title: r.title as string, abstract: r.abstract as string };
      if (r.title_derived === 1) paper.titleDerived = true;
      if (r.date !== null) paper.date = r.date as string;
      if (r.url !== null) paper.url = r.url as string;
      if (r.authors !== null) paper.authors = JSON.parse(r.authors as string) as string[];
      if (r.label !== null) paper.label = r.label as string;
      return paper;
    });
  }

  paperCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM papers').get() as { n: number }).n;
  }

  /** Papers per arrival night, oldest first. */
  papersPerNight(): Array<{ night: string; papers: number }> {
    return this.db.prepare('SELECT night, COUNT(*) AS papers FROM papers GROUP BY night ORDER BY night').all() as never;
  }

  /** The tokens cache kept in the store, for one set of tokenizer rules. */
  tokenCache(rules: string): TokenCache {
    const get = this.db.prepare('SELECT entry FROM tokens WHERE rules = ? AND text_key = ?').pluck();
    const put = this.db.prepare('INSERT OR REPLACE INTO tokens (rules, text_key, entry) VALUES (?, ?, ?)');
    const pending: Array<[string, string]> = [];
    const write = this.db.transaction((entries: Array<[string, string]>) => {
      for (const [key, line] of entries) put.run(rules, key, line);
    });
    const all = this.db.prepare('SELECT text_key, entry FROM tokens WHERE rules = ?').raw();
    const count = this.db.prepare('SELECT COUNT(*) FROM tokens WHERE rules = ?').pluck();
    return {
      keeps: true,
      get: (key) => {
        const line = get.get(rules, key) as string | undefined;
        return line === undefined ? undefined : lineToEntry(line)?.[1];
      },
      // Lines as stored (checked): the encoder reads them without a string per token. For
      // a good share of the stored entries, one pass over them beats a query per key.
      lines: (keys) => {
        const wanted = new Set(keys);
        const found = new Map<string, string>();
        if (wanted.size * 4 >= (count.get(rules) as number)) {
          for (const [key, line] of all.iterate(rules) as Iterable<[string, string]>) if (wanted.has(key) && isCacheLine(line)) found.set(key, line);
        } else {
          for (const key of wanted) {
            const line = get.get(rules, key) as string | undefined;
            if (line !== undefined && isCacheLine(line)) found.set(key, line);
          }
        }
        return keys.map((key) => found.get(key));
      },
      add: (entries) => {
        for (const [key, doc] of entries) pending.push([key, entryToLine(key, doc)]);
      },
      flush: () => {
        write(pending.splice(0));
      },
    };
  }

  /** Records that a run for `night` has started; returns its id. */
  startRun(night: string, parameters: Record<string, unknown>): number {
    const result = this.db.prepare(
      `INSERT INTO runs (night, status, pid, parameters, started_at) VALUES (?, 'running', ?, ?, ?)`,
    ).run(night, process.pid, JSON.stringify(parameters), new Date().toISOString());
    return Number(result.lastInsertRowid);
  }

  /**
   * Stores a run's themes and assignments and marks it done, in one transaction, so a
   * run is either complete in the store or still `running`/`failed`.
   */
  finishRun(runId: number, result: { themes: StoredTheme[]; assignments: StoredAssignment[]; record: Record<string, unknown>; night: string; ended: number[] }): void {
    const theme = this.db.prepare(
      'INSERT INTO themes (run_id, theme_id, label, terms, centroid, size, quality, gained) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const assignment = this.db.prepare('INSERT INTO assignments (run_id, paper_id, theme_id, score, x, y, loose_fit) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const seen = this.db.prepare(
      `INSERT INTO theme_ids (theme_id, first_night, last_night) VALUES (?, ?, ?)
       ON CONFLICT (theme_id) DO UPDATE SET
         first_night = MIN(first_night, excluded.first_night),
         last_night = MAX(last_night, excluded.last_night),
         ended_night = CASE WHEN ended_night IS NOT NULL AND ended_night > excluded.last_night THEN ended_night ELSE NULL END`,
    );
    const end = this.db.prepare('UPDATE theme_ids SET ended_night = ? WHERE theme_id = ? AND ended_night IS NULL AND last_night < ?');
    // Ids a superseded run of the same night created and this run does not use.
    const forget = this.db.prepare(
      `DELETE FROM theme_ids WHERE first_night = ? AND last_night = ? AND theme_id NOT IN (SELECT value FROM json_each(?))`,
    );
    this.db.transaction(() => {
      for (const t of result.themes) {
        theme.run(runId, t.id, t.label, JSON.stringify(t.topTerms), Buffer.from(t.centroid.buffer, t.centroid.byteOffset, t.centroid.byteLength), t.size, JSON.stringify(t.quality ?? null), t.gained ?? null);
        seen.run(t.id, result.night, result.night);
      }
      for (const a of result.assignments) assignment.run(runId, a.paperId, a.themeId, a.score, a.x, a.y, a.looseFit === undefined ? null : Number(a.looseFit));
      for (const id of result.ended) end.run(result.night, id, result.night);
      forget.run(result.night, result.night, JSON.stringify(result.themes.map((t) => t.id)));
      this.db.prepare(`UPDATE runs SET status = 'done', papers = ?, record = ?, finished_at = ? WHERE id = ?`)
        .run(result.assignments.length, JSON.stringify(result.record), new Date().toISOString(), runId);
    })();
  }

  failRun(runId: number, message: string): void {
    this.db.prepare(`UPDATE runs SET status = 'failed', message = ?, finished_at = ? WHERE id = ?`)
      .run(message, new Date().toISOString(), runId);
  }

  /** Runs left `running` by a process that no longer exists become `failed`; returns how many. */
  abandonDeadRuns(isAlive: (pid: number) => boolean): number {
    const running = this.db.prepare(`SELECT id, pid FROM runs WHERE status = 'running'`).all() as Array<{ id: number; pid: number }>;
    let abandoned = 0;
    for (const run of running) {
      if (run.pid === process.pid || isAlive(run.pid)) continue;
      this.failRun(run.id, `abandoned: process ${run.pid} ended before the run finished`);
      abandoned++;
    }
    return abandoned;
  }

  /** The latest done run of `night`, or of the latest night before `before` when given instead. */
  doneRun(select: { night: string } | { before: string } | 'latest'): StoredRun | undefined {
    const sql = `SELECT * FROM runs WHERE status = 'done' ${
      select === 'latest' ? '' : 'night' in select ? 'AND night = @night' : 'AND night < @before'
    } ORDER BY night DESC, id DESC LIMIT 1`;
    const row = this.db.prepare(sql).get(select === 'latest' ? {} : select) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : toRun(row);
  }

  /** The latest run of a night, whatever its status. */
  latestRun(night: string): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE night = ? ORDER BY id DESC LIMIT 1').get(night) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : toRun(row);
  }

  /** The latest done run of every night, oldest night first. */
  doneRunsByNight(): StoredRun[] {
    const rows = this.db.prepare(
      `SELECT * FROM runs WHERE id IN (SELECT MAX(id) FROM runs WHERE status = 'done' GROUP BY night) ORDER BY night`,
    ).all() as Array<Record<string, unknown>>;
    return rows.map(toRun);
  }

  themes(runId: number): StoredTheme[] {
    const rows = this.db.prepare('SELECT * FROM themes WHERE run_id = ? ORDER BY theme_id').all(runId) as Array<Record<string, unknown>>;
    return rows.map((r) => {
      const blob = r.centroid as Buffer;
      const quality = JSON.parse(r.quality as string) as Theme['quality'] | null;
      return {
        id: r.theme_id as number,
        label: r.label as string,
        size: r.size as number,
        gained: (r.gained as number | null) ?? null,
        topTerms: JSON.parse(r.terms as string),
        representativeIds: [],
        centroid: new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)),
        ...(quality ? { quality } : {}),
      };
    });
  }

  /** A run's assignments, in the papers' arrival order (the order of its reports). */
  assignments(runId: number): StoredAssignment[] {
    const rows = this.db.prepare(
      `SELECT a.paper_id AS paperId, a.theme_id AS themeId, a.score, a.x, a.y, a.loose_fit AS looseFit
       FROM assignments a JOIN papers p ON p.id = a.paper_id WHERE a.run_id = ? ORDER BY p.seq`,
    ).all(runId) as Array<Omit<StoredAssignment, 'looseFit'> & { looseFit: number | null }>;
    return rows.map(({ looseFit, ...a }) => (looseFit === null ? a : { ...a, looseFit: looseFit === 1 }));
  }

  /** The next unused stable theme id. */
  nextThemeId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(theme_id), -1) + 1 AS id FROM theme_ids').get() as { id: number }).id;
  }

  /** Theme ids ever seen, with the nights they were first and last seen and when they ended. */
  themeIds(): Array<{ themeId: number; firstNight: string; lastNight: string; endedNight: string | null }> {
    return this.db.prepare(
      'SELECT theme_id AS themeId, first_night AS firstNight, last_night AS lastNight, ended_night AS endedNight FROM theme_ids ORDER BY theme_id',
    ).all() as never;
  }

  recordSource(night: string, source: string, status: 'ok' | 'failed', papers: number, message: string | null): void {
    this.db.prepare('INSERT INTO source_events (night, source, status, papers, message, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(night, source, status, papers, message, new Date().toISOString());
  }

  sourceEvents(night: string): Array<{ source: string; status: string; papers: number; message: string | null }> {
    return this.db.prepare('SELECT source, status, papers, message FROM source_events WHERE night = ? ORDER BY id').all(night) as never;
  }
}

function openDb(path: string, busyTimeoutMs: number, options: Database.Options = {}): Database.Database {
  const db = new Database(path, options);
  try {
    // First, so that every later statement waits for another process's lock.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Builds a new, migrated store beside `path` and publishes it whole (closing it checkpoints its journal). */
function createStore(path: string, busyTimeoutMs: number): void {
  const building = `${path}.new-${process.pid}`;
  try {
    const db = openDb(building, busyTimeoutMs);
    try {
      migrate(db);
    } finally {
      db.close();
    }
    publishStore(building, path);
  } catch (error) {
    for (const file of [building, `${building}-wal`, `${building}-shm`]) rmSync(file, { force: true });
    throw storeErrorOf(path, error, busyTimeoutMs);
  }
}

function toRun(row: Record<string, unknown>): StoredRun {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(v as string));
  return {
    id: row.id as number,
    night: row.night as string,
    status: row.status as StoredRun['status'],
    pid: row.pid as number,
    papers: (row.papers as number | null) ?? null,
    parameters: json(row.parameters),
    record: json(row.record),
    message: (row.message as string | null) ?? null,
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

/**
 * Applies the migrations the store has not had yet, each in its own transaction. Foreign
 * keys are off meanwhile, so a migration can rebuild a table others refer to, and every
 * reference is checked before the migration commits.
 */
export function migrate(db: Database.Database, path = 'the store'): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreError('newer', `the store ${path} is at schema version ${current}, newer than this paper-themes (${MIGRATIONS.length}): upgrade paper-themes`);
  }
  if (current === MIGRATIONS.length) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.transaction(() => {
        const migration = MIGRATIONS[version];
        if (typeof migration === 'string') db.exec(migration);
        else migration(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`store migration ${version + 1} left ${broken.length} broken references`);
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
