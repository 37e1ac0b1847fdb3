/**
 * The store's schema, as numbered migrations. Migration i (0-based) brings a store from
 * version i to i + 1; SQLite's `user_version` holds the version. Never edit a migration
 * that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
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
];
