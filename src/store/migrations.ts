import type Database from 'better-sqlite3';
import { normalisePaperId } from '../ingest/normalisePaperId.js';
import { contentKey } from '../ingest/paperIdentity.js';

/** SQL to run, or a step that needs code (normalising ids, hashing text) as well as SQL. */
export type Migration = string | ((db: Database.Database) => void);

/**
 * The store's schema, as numbered migrations. Migration i (0-based) brings a store from
 * version i to i + 1; SQLite's `user_version` holds the version. Never edit a migration
 * that has shipped: add the next one. They run with foreign keys off (tables can be rebuilt)
 * and are checked before they commit.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1: papers, their tokens, runs, themes, assignments, theme ids, source events.
  `
  CREATE TABLE papers (
    id        TEXT PRIMARY KEY,          -- arXiv id when known, else t- + hash of the title
    title_key TEXT NOT NULL UNIQUE,      -- normalised title: the second way to spot a duplicate
    title     TEXT NOT NULL,
    abstract  TEXT NOT NULL,
    date      TEXT,                      -- publication date, when the source gives one
    url       TEXT,
    authors   TEXT,                      -- JSON array
    label     TEXT,                      -- gold label, for labelled corpora
    source    TEXT NOT NULL,             -- source that brought it first
    night     TEXT NOT NULL,             -- night it arrived (YYYY-MM-DD)
    seq       INTEGER NOT NULL           -- arrival order, for a stable corpus order
  );
  CREATE INDEX papers_by_night ON papers (night, seq);

  CREATE TABLE tokens (
    rules    TEXT NOT NULL,              -- tokenizer version + parameters (rulesKey)
    text_key TEXT NOT NULL,              -- textKey of the tokenized text
    entry    TEXT NOT NULL,              -- entryToLine format
    PRIMARY KEY (rules, text_key)
  ) WITHOUT ROWID;

  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    night       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    pid         INTEGER NOT NULL,
    papers      INTEGER,
    parameters  TEXT,                    -- JSON
    record      TEXT,                    -- JSON: stage timings, quality, sources
    message     TEXT,
    started_at  TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX runs_by_night ON runs (night, id);

  CREATE TABLE themes (
    run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL,           -- stable across nights (theme_ids)
    label    TEXT NOT NULL,
    terms    TEXT NOT NULL,              -- JSON [{term, weight}]
    centroid BLOB NOT NULL,              -- Float64 centre in that night's reduced space
    size     INTEGER NOT NULL,
    quality  TEXT,                       -- JSON {silhouette, npmi, uniqueTerms}
    PRIMARY KEY (run_id, theme_id)
  ) WITHOUT ROWID;

  CREATE TABLE assignments (
    run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    paper_id TEXT NOT NULL REFERENCES papers (id),
    theme_id INTEGER NOT NULL,
    score    REAL NOT NULL,
    x        REAL NOT NULL,
    y        REAL NOT NULL,
    PRIMARY KEY (run_id, paper_id)
  ) WITHOUT ROWID;

  CREATE TABLE theme_ids (
    theme_id    INTEGER PRIMARY KEY,
    first_night TEXT NOT NULL,
    last_night  TEXT NOT NULL,
    ended_night TEXT                     -- first night it was no longer found
  );

  CREATE TABLE source_events (
    id      INTEGER PRIMARY KEY,
    night   TEXT NOT NULL,
    source  TEXT NOT NULL,
    status  TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    papers  INTEGER NOT NULL,
    message TEXT,
    at      TEXT NOT NULL
  );
  `,
  // 2: papers are one by normalised id, or by title and abstract (src/ingest/paperIdentity.ts),
  // not by title alone: title_key loses UNIQUE, content_key indexes title + abstract, and
  // title_derived marks titles taken from the abstract. Stored arXiv ids are normalised; two
  // stored forms of one id become the first to arrive, its assignments kept.
  (db) => {
    db.exec(`
      CREATE TABLE papers_v2 (
        id            TEXT PRIMARY KEY,      -- normalised source id (arXiv: bare, no version), else t-/a- + hash
        title_key     TEXT NOT NULL,         -- normalised title
        content_key   TEXT NOT NULL,         -- hash of normalised title + abstract: the second way to spot a duplicate
        title         TEXT NOT NULL,
        title_derived INTEGER,               -- 1 when the record had no title and it was derived from the abstract
        abstract      TEXT NOT NULL,
        date          TEXT,
        url           TEXT,
        authors       TEXT,
        label         TEXT,
        source        TEXT NOT NULL,
        night         TEXT NOT NULL,
        seq           INTEGER NOT NULL
      );
    `);
    const insert = db.prepare(
      `INSERT INTO papers_v2 (id, title_key, content_key, title, abstract, date, url, authors, label, source, night, seq)
       VALUES (@id, @title_key, @content_key, @title, @abstract, @date, @url, @authors, @label, @source, @night, @seq)`,
    );
    const renamed: Array<{ from: string; to: string }> = [];
    const kept = new Set<string>();
    for (const row of db.prepare('SELECT * FROM papers ORDER BY seq').all() as Array<Record<string, string | number | null>>) {
      const from = row.id as string;
      const to = normalisePaperId(from);
      if (to !== from) renamed.push({ from, to });
      if (kept.has(to)) continue;
      kept.add(to);
      insert.run({ ...row, id: to, content_key: contentKey({ title: row.title as string, abstract: row.abstract as string }) });
    }
    // A run that assigned both forms of one id keeps the assignment of the form already normalised or met first.
    const dropClash = db.prepare('DELETE FROM assignments WHERE paper_id = ? AND run_id IN (SELECT run_id FROM assignments WHERE paper_id = ?)');
    const rename = db.prepare('UPDATE assignments SET paper_id = ? WHERE paper_id = ?');
    for (const { from, to } of renamed) {
      dropClash.run(from, to);
      rename.run(to, from);
    }
    db.exec(`
      DROP TABLE papers;
      ALTER TABLE papers_v2 RENAME TO papers;
      CREATE INDEX papers_by_night ON papers (night, seq);
      CREATE INDEX papers_by_content ON papers (content_key);
    `);
  },
  // 3: themes.gained, the papers each theme took of its night's new ones (those the previous
  // night's run had not clustered), for the gains chart and the growing/fading rule (issue 15).
  // Filled in for the runs already stored, from their assignments and the previous night's.
  (db) => {
    db.exec('ALTER TABLE themes ADD COLUMN gained INTEGER');
    const runs = db.prepare(`SELECT id, night FROM runs WHERE status = 'done' ORDER BY night, id`).all() as Array<{ id: number; night: string }>;
    const zero = db.prepare('UPDATE themes SET gained = 0 WHERE run_id = ?');
    const gains = db.prepare(
      `SELECT theme_id AS themeId, COUNT(*) AS n FROM assignments
       WHERE run_id = ? AND paper_id NOT IN (SELECT paper_id FROM assignments WHERE run_id = ?) GROUP BY theme_id`,
    );
    const set = db.prepare('UPDATE themes SET gained = ? WHERE run_id = ? AND theme_id = ?');
    // The previous night's run is the latest done run of the latest earlier night.
    let night: string | null = null;
    let lastOfNight: number | null = null;
    let previous: number | null = null;
    for (const run of runs) {
      if (run.night !== night) {
        previous = lastOfNight;
        night = run.night;
      }
      lastOfNight = run.id;
      zero.run(run.id);
      for (const row of gains.all(run.id, previous ?? -1) as Array<{ themeId: number; n: number }>) set.run(row.n, run.id, row.themeId);
    }
  },
  // 4: assignments.loose_fit, as the night decided it (a fold-in night judges by the medians
  // of the refit its model came from, not tonight's). Null for runs stored before: their
  // loose fits follow from the night's own medians (looseFits).
  'ALTER TABLE assignments ADD COLUMN loose_fit INTEGER',
];
