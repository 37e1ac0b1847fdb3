import { closeSync, linkSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Why a store could not be opened: `missing` (it must exist and does not), `damaged`
 * (empty, truncated, not SQLite, failing its integrity check), `unwritable` (a read-only
 * file or folder), `busy` (another process keeps it locked) or `newer` (made by a newer
 * paper-themes). The CLI turns `busy` into exit code 4 and the others into 1.
 */
export class StoreError extends Error {
  constructor(readonly kind: 'missing' | 'damaged' | 'unwritable' | 'busy' | 'newer', message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';
const RECOVER = 'restore it from a backup, or move it away to start a new store';

/** Checks the store file before SQLite sees it: SQLite takes a 0-byte file for a new, empty database. */
export function checkStoreFile(path: string): 'exists' | 'absent' {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new StoreError('damaged', `the store ${path} is a folder, not a store file: name the store file with --store FILE`);
    size = stats.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw unreadable(path, error);
  }
  if (size === 0) throw new StoreError('damaged', `the store ${path} is empty (0 bytes): it was cut short (a full disk, an interrupted copy); ${RECOVER}`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreError('damaged', `the store ${path} is not a SQLite database (it does not start with "SQLite format 3"): is it the right file? If it is, ${RECOVER}`);
  }
  return 'exists';
}

/** A full integrity pass over the b-trees (no index cross-checks): finds truncated and overwritten pages. */
export function quickCheck(db: Database.Database, path: string): void {
  const problems = db.pragma('quick_check(1)', { simple: false }) as Array<{ quick_check: string }>;
  const first = problems[0]?.quick_check;
  if (first !== 'ok') throw new StoreError('damaged', `the store ${path} is damaged (integrity check: ${first ?? 'no answer'}): ${RECOVER}`);
}

/**
 * Writes the schema version back unchanged and rolls back: a read-only or locked store is
 * refused before any work, not midway (SQLite opens a file it may not write read-only,
 * without a word, and takes the write lock only at the first write).
 */
export function probeWrite(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    db.exec('ROLLBACK');
  }
}

/** The one-line StoreError for an error SQLite raised while opening `path`; other errors as they are. */
export function storeErrorOf(path: string, error: unknown, busyTimeoutMs: number): unknown {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const what = (error as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreError('damaged', `the store ${path} is damaged (SQLite: ${what}): ${RECOVER}`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('busy', `the store ${path} is locked by another process (still after ${busyTimeoutMs / 1000} s): run again once it is done`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new StoreError('unwritable', `cannot write the store ${path} (SQLite: ${what}): the store file and its folder must be writable (the journal is written beside it)`);
  }
  return error;
}

function unreadable(path: string, error: unknown): StoreError {
  return new StoreError('unwritable', `cannot read the store ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the store file and its folder must be readable and writable`);
}

/**
 * Publishes a store built at `building` as `path`: a hard link creates `path` complete or
 * not at all, so an interrupted creation never leaves a 0-byte store that the next run
 * would have to refuse. Someone else's store created meanwhile wins.
 */
export function publishStore(building: string, path: string): void {
  try {
    linkSync(building, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(building);
  }
}
