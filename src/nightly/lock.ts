import { linkSync, lstatSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { processStart, type ProcessStart } from './processStart.js';
import { processAlive } from '../io/processAlive.js';

export { processAlive };

export { processStart, type ProcessStart };

/** Another run holds the lock (the message names its process and start time). */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

/** The lock's path is taken by something that is not a lock file (a folder). */
export class LockPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockPathError';
  }
}


interface Holder {
  pid: number;
  /** When the lock was taken. */
  started: string;
  /** Distinguishes two locks of the same process (tests take several). */
  token: string;
  /** Which process `pid` was when it took the lock; null where the system does not say. */
  process: ProcessStart | null;
}

/**
 * The holder still holds the lock: its pid is alive and, where the lock recorded the
 * holder's process start, that pid is still the same process (a pid is reused after a
 * reboot, or after wrapping around).
 */
function holderAlive(holder: Holder): boolean {
  if (!processAlive(holder.pid)) return false;
  if (holder.process === null) return true;
  const now = processStart(holder.pid);
  return now === null || (now.bootId === holder.process.bootId && now.startTicks === holder.process.startTicks);
}

/**
 * Takes an exclusive lock at `path`: our pid, start time and a token are written to a
 * private file first, which is then hard-linked to `path`. The link either creates `path`
 * complete or fails because it exists, so no process ever sees a half-written lock.
 *
 * A lock whose process has died (killed, crashed), or whose pid now belongs to another
 * process (see holderAlive), is taken over: it is renamed aside (one
 * process wins the rename), checked to still be that dead holder's, and removed; if a live
 * holder's lock was renamed by mistake it is put back. While a live process holds it,
 * waits up to `waitMs` (polling), then throws a LockError. The release function removes
 * the lock only if it is still ours.
 */
export async function acquireLock(path: string, waitMs: number, pollMs = 200): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  const me: Holder = {
    pid: process.pid, started: new Date().toISOString(), token: `${process.pid}-${Math.random().toString(36).slice(2)}`, process: processStart(process.pid),
  };
  const mine = `${path}.${me.token}`;
  writeFileSync(mine, JSON.stringify(me));
  try {
    for (;;) {
      try {
        linkSync(mine, path);
        return () => {
          if (readHolder(path)?.token === me.token) unlinkSync(path);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (isFolder(path)) throw new LockPathError(`the lock ${path} is a folder, not a lock file: remove or rename it (nothing of paper-themes is kept in it)`);
      const holder = readHolder(path);
      // Unreadable: not one of ours (ours are complete when they appear), e.g. damaged.
      if (holder === null || !holderAlive(holder)) {
        takeOver(path, holder, me);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new LockError(`another nightly run (pid ${holder?.pid ?? '?'}, started ${holder?.started ?? '?'}) holds ${path}; ` +
          'wait for it to finish, or pass --wait SECONDS to wait for it');
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    unlinkSync(mine);
  }
}

/** Removes a dead holder's lock, unless another process replaced it meanwhile. */
function takeOver(path: string, dead: Holder | null, me: Holder): void {
  const aside = `${path}.${me.token}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else took it over or released it first
  }
  const moved = readHolder(aside);
  if (moved !== null && moved.token !== dead?.token) {
    // A live lock was created between our read and our rename: give it back.
    try {
      linkSync(aside, path);
    } catch {
      // Another lock was created meanwhile; the one we moved is lost to its owner, whose
      // release will then find a lock that is not its own and leave it.
    }
  }
  unlinkSync(aside);
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof holder.pid !== 'number') return null;
    const start = holder.process;
    const recorded = start !== null && typeof start === 'object' && typeof start.bootId === 'string' && typeof start.startTicks === 'number' ? start : null;
    return { pid: holder.pid, started: String(holder.started), token: String(holder.token), process: recorded };
  } catch {
    return null;
  }
}
