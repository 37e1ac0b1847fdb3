import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockError, LockPathError, processAlive, processStart } from '../../src/nightly/lock.js';

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

  it('records the holder’s process start (boot and start time), not only when it took the lock', async () => {
    const path = lockPath();
    const release = await acquireLock(path, 0);
    const lock = JSON.parse(readFileSync(path, 'utf8'));
    expect(lock.process).toEqual(processStart(process.pid));
    if (process.platform === 'linux') {
      expect(lock.process.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
      expect(Date.parse(lock.process.startedAt)).toBeLessThanOrEqual(Date.now());
      expect(Date.now() - Date.parse(lock.process.startedAt)).toBeLessThan(process.uptime() * 1000 + 2000);
    }
    release();
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid is alive but belongs to another process (pid reused after a reboot)', async () => {
    const path = lockPath();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const actual = processStart(child.pid!)!;
      expect(actual).not.toBeNull();
      writeFileSync(path, JSON.stringify({ pid: child.pid, started: 'before the reboot', token: 'old', process: { ...actual, bootId: 'another-boot' } }));
      const release = await acquireLock(path, 0);
      expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
      release();
      writeFileSync(path, JSON.stringify({ pid: child.pid, started: 'earlier', token: 'old', process: { ...actual, startTicks: actual.startTicks + 1 } }));
      (await acquireLock(path, 0))();
      // The same live process: still held.
      writeFileSync(path, JSON.stringify({ pid: child.pid, started: 'now', token: 'live', process: actual }));
      await expect(acquireLock(path, 0)).rejects.toThrow(LockError);
    } finally {
      child.kill();
    }
  });

  it('refuses a lock path that is a folder, naming it, and leaves the folder alone', async () => {
    const path = lockPath();
    mkdirSync(path);
    writeFileSync(join(path, 'keep'), 'x');
    await expect(acquireLock(path, 0)).rejects.toThrow(LockPathError);
    await expect(acquireLock(path, 0)).rejects.toThrow(`the lock ${path} is a folder`);
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('x');
  });

  it('takes over an unreadable lock (its writer was killed mid-write)', async () => {
    const path = lockPath();
    writeFileSync(path, '{"pi');
    (await acquireLock(path, 0))();
  });
});

describe('acquireLock under contention', () => {
  it('never lets two of many concurrent takers hold the lock at once', async () => {
    const path = lockPath();
    const script = `
      const { acquireLock } = await import(${JSON.stringify(new URL('../../dist/src/nightly/lock.js', import.meta.url).href)});
      const { appendFileSync } = await import('node:fs');
      const release = await acquireLock(process.argv[1], 20000, 5);
      appendFileSync(process.argv[2], 'in ' + Date.now() + '\\n');
      await new Promise((r) => setTimeout(r, 60));
      appendFileSync(process.argv[2], 'out ' + Date.now() + '\\n');
      release();`;
    const journal = `${path}.journal`;
    writeFileSync(journal, '');
    const children = Array.from({ length: 8 }, () => spawn(process.execPath, ['--input-type=module', '-e', script, path, journal], { stdio: 'ignore' }));
    await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
    const events = readFileSync(journal, 'utf8').trim().split('\n').map((line) => line.split(' ')[0]);
    expect(events).toHaveLength(16);
    // Strictly alternating in/out: no two holders overlap.
    events.forEach((event, i) => expect(event).toBe(i % 2 === 0 ? 'in' : 'out'));
    expect(existsSync(path)).toBe(false);
  }, 60_000);

  it('does not remove a lock that is no longer its own', async () => {
    const path = lockPath();
    const release = await acquireLock(path, 0);
    writeFileSync(path, JSON.stringify({ pid: process.pid, started: 'x', token: 'someone-else' }));
    release();
    expect(existsSync(path)).toBe(true);
  });
});
