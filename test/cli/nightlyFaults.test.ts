import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { shiftDays } from '../../pipeline/nightly.js';
import { processStart } from '../../src/nightly/processStart.js';
import { PaperStore } from '../../src/store/paperStore.js';
import { canDropPrivileges, nodeUnprivileged, openTo } from '../nightly/unprivileged.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/paper-themes.js');

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'pt-faults-'));
  const paths = { dir, store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox') };
  mkdirSync(paths.inbox);
  return paths;
}
type Workspace = ReturnType<typeof workspace>;

const paths = (w: Workspace) => ['--store', w.store, '--reports', w.reports, '--inbox', w.inbox];

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const nightly = (w: Workspace, night: string, ...more: string[]) => cli('nightly', '--date', night, ...paths(w), '--k', '3', '--quiet', ...more);

const topics = ['bayesian optimization', 'model merging', 'data selection'];
const paper = (i: number) => JSON.stringify({
  id: `2611.${String(10000 + i)}`, title: `${topics[i % 3]} study number ${i}`,
  abstract: `We study ${topics[i % 3]} in depth, with ${topics[i % 3]} experiments, ${topics[i % 3]} theory and ${topics[i % 3]} applications across settings ${i % 4}.`,
});
const dropPapers = (inbox: string, name = 'mine.jsonl', n = 12, first = 0) =>
  writeFileSync(join(inbox, name), `${Array.from({ length: n }, (_, i) => paper(first + i)).join('\n')}\n`);

function storeFacts(path: string) {
  const store = new PaperStore(path);
  try {
    return { papers: store.paperCount(), sources: store.papersPerNight(), events: store.doneRunsByNight().flatMap((r) => store.sourceEvents(r.night).map((e) => e.source)) };
  } finally {
    store.close();
  }
}

/** A copy of the project as a fresh clone has it: code, bundled data, no store, no config. */
function freshClone(): string {
  const clone = mkdtempSync(join(tmpdir(), 'pt-clone-'));
  for (const part of ['package.json', 'bin', 'dist', 'data/corpus', 'data/stopwords']) cpSync(join(root, part), join(clone, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  return clone;
}

/** `npm run nightly` in a clone: the CLI with the project folder as working directory. */
function nightlyIn(clone: string, ...args: string[]) {
  const { INIT_CWD: _cwd, PAPER_THEMES_CRASH_AT: _crash, ...env } = process.env;
  return spawnSync(process.execPath, [join(clone, 'bin/paper-themes.js'), 'nightly', '--k', '3', ...args], { cwd: clone, env, encoding: 'utf8' });
}

const oneLine = (err: string) => {
  expect(err).not.toMatch(/\n\s+at /);
  expect(err.trim().split('\n').filter((l) => l.startsWith('paper-themes:'))).toHaveLength(1);
};

describe('paper-themes nightly: demo papers never enter a user’s store', () => {
  it('seeds nothing into a store the user names: only their inbox’s papers are stored and clustered', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    const { code, out } = await nightly(w, '2026-11-20');
    expect(code).toBe(0);
    expect(out).toContain('Night 2026-11-20: 12 papers');
    expect(storeFacts(w.store).papers).toBe(12);
    expect(storeFacts(w.store).events).toEqual(['inbox']);
  });

  it('exits 1 on an empty store with nothing to ingest, rather than filling it with demo papers', async () => {
    const w = workspace();
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(1);
    expect(err).toContain(`nothing could be ingested and the store ${w.store} is empty`);
    expect(err).toContain('--demo');
    expect(storeFacts(w.store).papers).toBe(0);
  });

  it('seeds the empty store with the 70 bundled papers under --demo, and says so even under --quiet', async () => {
    const w = workspace();
    const { code, out, err } = await nightly(w, '2026-11-20', '--demo');
    expect(code).toBe(0);
    expect(out).toContain('Night 2026-11-20: 70 papers');
    expect(err).toMatch(new RegExp(`demo: seeding the empty store ${w.store} with the 70 bundled papers of .*hf-trending-mar12\\.txt \\(--demo\\)`));
  });

  it('seeds the demo on a fresh clone (no store, no inbox files, no sources or config named): the README’s quick start', () => {
    const clone = freshClone();
    const run = nightlyIn(clone, '--date', '2026-11-20');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Night 2026-11-20: 70 papers');
    expect(run.stderr).toContain('demo: seeding the empty store');
    expect(run.stderr).toContain('fresh clone');
    expect(readdirSync(join(clone, 'reports', '2026-11-20')).sort()).toEqual(['assignments.csv', 'hierarchy.csv', 'index.html', 'model', 'run.json', 'themes.csv']);
  });

  it('does not seed a fresh clone once the user has dropped a file into data/inbox', () => {
    const clone = freshClone();
    mkdirSync(join(clone, 'data/inbox'), { recursive: true });
    dropPapers(join(clone, 'data/inbox'));
    const run = nightlyIn(clone, '--date', '2026-11-20');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Night 2026-11-20: 12 papers');
    expect(run.stderr).not.toContain('demo');
  });

  it('does not seed a clone that has data/nightly.json, or when a source is named', () => {
    const clone = freshClone();
    writeFileSync(join(clone, 'data/nightly.json'), JSON.stringify({ windowDays: 30 }));
    const configured = nightlyIn(clone, '--date', '2026-11-20');
    expect(configured.status).toBe(1);
    expect(configured.stderr).toContain('nothing could be ingested');
    const other = freshClone();
    const named = nightlyIn(other, '--date', '2026-11-20', '--source', 'inbox');
    expect(named.status).toBe(1);
    expect(named.stderr).not.toContain('demo: seeding');
  });
});

describe('paper-themes nightly and export: a damaged store is never replaced', () => {
  it('refuses a 0-byte store with exit 1, naming it, and leaves it and the reports alone', async () => {
    const w = workspace();
    writeFileSync(w.store, '');
    dropPapers(w.inbox);
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(1);
    oneLine(err);
    expect(err).toContain(`the store ${w.store} is empty (0 bytes)`);
    expect(statSync(w.store).size).toBe(0);
    expect(existsSync(w.reports)).toBe(false);
    expect(readdirSync(w.inbox)).toEqual(['mine.jsonl']);
  });

  it.each([
    ['not SQLite', (path: string) => writeFileSync(path, 'paper_id,title\n1,x\n'.repeat(100)), 'is not a SQLite database'],
    ['truncated', (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2)), 'is damaged'],
  ])('refuses a store that is %s with exit 1 and one line, nightly and export alike', async (_what, damage, message) => {
    const w = workspace();
    dropPapers(w.inbox);
    expect((await nightly(w, '2026-11-20')).code).toBe(0);
    damage(w.store);
    const size = statSync(w.store).size;
    const night = await nightly(w, '2026-11-21');
    expect(night.code).toBe(1);
    oneLine(night.err);
    expect(night.err).toContain(`the store ${w.store} ${message}`);
    const exported = await cli('export', '--run', 'latest', '--store', w.store, '--out', join(w.dir, 'x.csv'));
    expect(exported.code).toBe(1);
    oneLine(exported.err);
    expect(statSync(w.store).size).toBe(size);
  });

  it('refuses a read-only store file, and a store in a read-only folder, with exit 1 and one line', async () => {
    expect(canDropPrivileges, 'running as root needs util-linux setpriv to test file modes').toBe(true);
    const w = workspace();
    dropPapers(w.inbox);
    expect((await nightly(w, '2026-11-20')).code).toBe(0);
    chmodSync(w.store, 0o444);
    for (const path of [w.dir, w.inbox, w.reports]) chmodSync(path, 0o777);
    const readOnlyFile = nodeUnprivileged([bin, 'nightly', '--date', '2026-11-21', ...paths(w), '--quiet']);
    expect(readOnlyFile.status, readOnlyFile.stderr).toBe(1);
    oneLine(readOnlyFile.stderr);
    expect(readOnlyFile.stderr).toContain(`cannot write the store ${w.store}`);

    chmodSync(w.store, 0o666);
    openTo(w.dir);
    const readOnlyFolder = nodeUnprivileged([bin, 'nightly', '--date', '2026-11-21', ...paths(w), '--quiet']);
    expect(readOnlyFolder.status, readOnlyFolder.stderr).toBe(1);
    oneLine(readOnlyFolder.stderr);
    expect(readOnlyFolder.stderr).toContain(`cannot write in the store's folder ${w.dir}`);
  });

  it('exits 4 with one line when another process keeps the store locked', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    expect((await nightly(w, '2026-11-20')).code).toBe(0);
    const other = new Database(w.store);
    other.exec('BEGIN IMMEDIATE');
    try {
      const { code, err } = await nightly(w, '2026-11-21');
      expect(code).toBe(4);
      oneLine(err);
      expect(err).toContain(`the store ${w.store} is locked by another process`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('export never creates a store: a missing one exits 1 naming it', async () => {
    const w = workspace();
    const { code, err } = await cli('export', '--run', 'latest', '--store', w.store, '--out', join(w.dir, 'x.csv'));
    expect(code).toBe(1);
    oneLine(err);
    expect(err).toContain(`there is no store at ${w.store}`);
    expect(readdirSync(w.dir)).toEqual(['inbox']);
  });
});

describe('paper-themes nightly: the inbox goes on past an unreadable entry', () => {
  it('reports a dangling symlink, ingests the other files, and moves only those', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    symlinkSync(join(w.dir, 'gone.jsonl'), join(w.inbox, 'dangling.jsonl'));
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(0);
    expect(err).toContain(`warning: inbox: ${join(w.inbox, 'dangling.jsonl')}: skipped: a symbolic link to a missing file`);
    expect(storeFacts(w.store).papers).toBe(12);
    expect(readdirSync(w.inbox).sort()).toEqual(['dangling.jsonl', 'done']);
  });
});

describe('paper-themes nightly --map', () => {
  it('draws the map the option asks for, and refuses a layout it does not know, naming --map', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    const { code, err } = await nightly(w, '2026-11-20', '--map', 'pca');
    expect(code, err).toBe(0);
    expect(JSON.parse(readFileSync(join(w.reports, '2026-11-20', 'run.json'), 'utf8')).map.layout).toBe('pca');
    const bad = await nightly(workspace(), '2026-11-20', '--map', 'tsne');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--map: "tsne" is not valid; expected one of umap, pca');
  });
});

describe('paper-themes nightly: dates', () => {
  it('refuses a --date more than a day ahead with exit 2, naming --date, and creates nothing', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    const { code, err } = await nightly(w, '9999-12-31');
    expect(code).toBe(2);
    expect(err).toContain('--date: "9999-12-31" is more than a day after today');
    expect(err).toContain('--allow-future-date');
    expect(existsSync(w.store)).toBe(false);
  });

  it('accepts tomorrow (a time zone ahead of UTC)', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    const tomorrow = shiftDays(new Date().toISOString().slice(0, 10), 1);
    expect((await nightly(w, tomorrow)).code).toBe(0);
  });

  it('keeps latest/ and export --run latest on the newest completed night that is not in the future', async () => {
    const w = workspace();
    dropPapers(w.inbox, 'a.jsonl', 9);
    const future = await nightly(w, '9999-12-31', '--allow-future-date');
    expect(future.code).toBe(0);
    expect(existsSync(join(w.reports, '9999-12-31', 'run.json'))).toBe(true);
    dropPapers(w.inbox, 'b.jsonl', 12, 100);
    expect((await nightly(w, '2026-11-20')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(w.reports, 'latest', 'run.json'), 'utf8')).night).toBe('2026-11-20');
    const exported = await cli('export', '--run', 'latest', '--store', w.store, '--out', join(w.dir, 'latest.csv'));
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('of night 2026-11-20');
    dropPapers(w.inbox, 'c.jsonl', 3, 200);
    expect((await nightly(w, '2026-11-21')).code).toBe(0);
    expect(JSON.parse(readFileSync(join(w.reports, 'latest', 'run.json'), 'utf8')).night).toBe('2026-11-21');
  });
});

describe('paper-themes nightly: the lock', () => {
  it('exits 2 naming the lock when its path is a folder', async () => {
    const w = workspace();
    mkdirSync(`${w.store}.lock`);
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(2);
    oneLine(err);
    expect(err).toContain(`the lock ${w.store}.lock is a folder`);
    expect(statSync(`${w.store}.lock`).isDirectory()).toBe(true);
  });

  it.runIf(process.platform === 'linux')('runs when the lock’s pid is alive but is another process than the one that took it', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const start = processStart(child.pid!)!;
      writeFileSync(`${w.store}.lock`, JSON.stringify({ pid: child.pid, started: '2026-01-01T00:00:00.000Z', token: 'before-reboot', process: { ...start, bootId: 'an-earlier-boot' } }));
      const { code, err } = await nightly(w, '2026-11-20');
      expect(code, err).toBe(0);
      expect(existsSync(`${w.store}.lock`)).toBe(false);
    } finally {
      child.kill();
    }
  });
});

describe('paper-themes nightly: reports that cannot be written are found before the work', () => {
  it('exits 2 naming --reports when it is a file, before ingesting: the inbox files stay and the store gains nothing', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    writeFileSync(w.reports, 'not a folder\n');
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`--reports: cannot write ${w.reports.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(err).not.toMatch(/\n\s+at /);
    expect(readdirSync(w.inbox)).toEqual(['mine.jsonl']);
    expect(storeFacts(w.store).papers).toBe(0);
  });

  it('exits 2 naming reports/index.html when it is a folder, before ingesting', async () => {
    const w = workspace();
    dropPapers(w.inbox);
    mkdirSync(join(w.reports, 'index.html'), { recursive: true });
    const { code, err } = await nightly(w, '2026-11-20');
    expect(code).toBe(2);
    expect(err).toContain(`cannot write ${join(w.reports, 'index.html')}`);
    expect(readdirSync(w.inbox)).toEqual(['mine.jsonl']);
  });
});
