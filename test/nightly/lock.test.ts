import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockError, processAlive } from '../../src/nightly/lock.js';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'pt-lock-')), 'store.sqlite.lock');

describe('acquireLock', () => {
  it('creates the lock file with our pid and removes it on release', async () => {
    const path = lockPath();
    const release = await acquireLock(path, 0);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a second holder at once with a message naming the first', async () => {
    const path = lockPath();
    const release = await acquireLock(path, 0);
    await expect(acquireLock(path, 0)).rejects.toThrow(LockError);
    await expect(acquireLock(path, 0)).rejects.toThrow(new RegExp(`another nightly run \\(pid ${process.pid}`));
    release();
  });

  it('waits for the holder to release when asked to wait', async () => {
    const path = lockPath();
    const release = await acquireLock(path, 0);
    setTimeout(release, 300);
    const second = await acquireLock(path, 5000, 50);
    second();
  });

  it('takes over a lock whose process has died', async () => {
    const path = lockPath();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(processAlive(child.pid!)).toBe(false);
    writeFileSync(path, JSON.stringify({ pid: child.pid, started: 'earlier' }));
    const release = await acquireLock(path, 0);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('takes over an unreadable lock (its writer was killed mid-write)', async () => {
    const path = lockPath();
    writeFileSync(path, '{"pi');
    (await acquireLock(path, 0))();
  });
});
