import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Another run holds the lock (the message names its process and start time). */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock by creating `path` (O_EXCL: exactly one process can), with our
 * pid and start time inside. A lock left by a process that has died (killed, crashed) is
 * taken over. While a live process holds it, waits up to `waitMs` (polling), then throws a
 * LockError. Returns the release function.
 */
export async function acquireLock(path: string, waitMs: number, pollMs = 200): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder === null || !processAlive(holder.pid)) {
      // Stale (its process is gone) or unreadable (killed mid-write): take it over.
      try {
        unlinkSync(path);
      } catch {
        // Another process took it over first; try again.
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockError(`another nightly run (pid ${holder.pid}, started ${holder.started}) holds ${path}; ` +
        'wait for it to finish, or pass --wait SECONDS to wait for it');
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function readHolder(path: string): { pid: number; started: string } | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; started?: unknown };
    return typeof holder.pid === 'number' ? { pid: holder.pid, started: String(holder.started) } : null;
  } catch {
    return null;
  }
}
