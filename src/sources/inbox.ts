import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describeIssue } from '../ingest/ingestErrors.js';
import { readCorpus } from '../ingest/readCorpus.js';
import type { Paper } from '../types.js';
import type { PaperSource, SourceBatch } from './source.js';

/**
 * Files dropped into a folder (any format ingest reads). Files are read in name order; a
 * file that cannot be read at all (truncated gzip, unknown format, no permission) is
 * reported and left where it is; the others move to `done/` once their papers are
 * committed to the store, so a crash before the commit reads them again next time. An
 * entry that is no file (dangling symbolic link, link loop, folder, fifo) is reported and
 * skipped; hidden files (a partial upload, .DS_Store) are skipped with a log line.
 */
export function inboxSource(dir: string, log: (line: string) => void = () => {}): PaperSource {
  return {
    name: 'inbox',
    async fetch(): Promise<SourceBatch> {
      if (!existsSync(dir)) return { papers: [], problems: [], committed: () => {} };
      const papers: Paper[] = [];
      const problems: string[] = [];
      const read: string[] = [];
      const files: string[] = [];
      for (const name of readdirSync(dir).sort()) {
        const entry = inboxEntry(dir, name);
        if (entry.kind === 'file') files.push(name);
        else if (entry.kind === 'hidden') log(`inbox: skipped hidden file ${name}`);
        else if (entry.kind === 'skipped') problems.push(`${join(dir, name)}: skipped: ${entry.reason}`);
      }
      for (const name of files) {
        const path = join(dir, name);
        try {
          const result = await readCorpus(path);
          // One by one: spreading a large file's papers as arguments overflows the stack.
          for (const paper of result.papers) papers.push(paper);
          for (const issue of result.issues) problems.push(`${issue.file} ${describeIssue(issue)}`);
          read.push(path);
          log(`inbox: ${name}: ${result.papers.length} papers`);
        } catch (error) {
          problems.push(`${path}: ${(error as Error).message} (left in the inbox)`);
        }
      }
      return {
        papers,
        problems,
        committed: () => {
          const done = join(dir, 'done');
          mkdirSync(done, { recursive: true });
          for (const path of read) renameSync(path, freeName(done, basename(path)));
        },
      };
    },
  };
}

/** True when the inbox holds nothing it would read or report (hidden files and done/ aside). */
export function inboxIsEmpty(dir: string): boolean {
  if (!existsSync(dir)) return true;
  try {
    return readdirSync(dir).every((name) => ['hidden', 'done'].includes(inboxEntry(dir, name).kind));
  } catch {
    return false; // there, but unreadable: the user's all the same (the inbox source reports why)
  }
}

type InboxEntry = { kind: 'file' } | { kind: 'hidden' } | { kind: 'done' } | { kind: 'skipped'; reason: string };

/** What the inbox does with one entry of its folder. */
function inboxEntry(dir: string, name: string): InboxEntry {
  if (name.startsWith('.')) return { kind: 'hidden' };
  let stats;
  try {
    stats = statSync(join(dir, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // readdir listed it, so a missing target is a link's (or it was removed meanwhile).
    if (code === 'ENOENT') return { kind: 'skipped', reason: 'a symbolic link to a missing file' };
    if (code === 'ELOOP') return { kind: 'skipped', reason: 'a loop of symbolic links' };
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'skipped', reason: 'permission denied' };
    return { kind: 'skipped', reason: (error as Error).message };
  }
  if (stats.isDirectory()) {
    return name === 'done' ? { kind: 'done' } : { kind: 'skipped', reason: 'a folder (the inbox reads the files in it, not in sub-folders)' };
  }
  // A fifo or a device would block or never end.
  if (!stats.isFile()) return { kind: 'skipped', reason: 'not a regular file (a fifo, socket or device)' };
  return { kind: 'file' };
}

/** `name`, or `name-2.ext`, `name-3.ext`, ... : the first that does not exist in `dir`. */
function freeName(dir: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let i = 1; ; i++) {
    const candidate = join(dir, i === 1 ? name : `${stem}-${i}${extension}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** A fixed corpus file, read every time (the bundled corpus that seeds an empty store). */
export function fileSource(name: string, path: string): PaperSource {
  return {
    name,
    async fetch(): Promise<SourceBatch> {
      const result = await readCorpus(path);
      return { papers: result.papers, problems: result.issues.map((issue) => `${issue.file} ${describeIssue(issue)}`), committed: () => {} };
    },
  };
}
