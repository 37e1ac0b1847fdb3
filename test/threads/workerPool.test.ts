import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/projectRoot.js';
import { workerPool } from '../../src/threads/workerPool.js';
import { workerScript } from '../../src/threads/workerScript.js';

/** A worker file in a fresh folder: doubles what it is sent, reports a negative number as an error. */
function echoWorker(): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'pt-worker-')), 'echo.mjs');
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';
parentPort.on('message', (n) => {
  if (n < 0) workerData.errors.postMessage('negative: ' + n);
  else parentPort.postMessage(n * 2);
});
`);
  return pathToFileURL(file);
}

/** A worker file serving jobs with the built serveJobs: job.value < 0 throws. */
function servingWorker(): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'pt-worker-')), 'serve.mjs');
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';
import { serveJobs } from ${JSON.stringify(pathToFileURL(projectPath('dist', 'src', 'threads', 'serveJobs.js')).href)};
serveJobs((job) => {
  if (job.value < 0) throw new Error('no negative values');
  job.control[0] = job.value * 2;
  Atomics.store(job.control, 1, 1);
  Atomics.notify(job.control, 1);
});
`);
  return pathToFileURL(file);
}

async function waitFor<T>(read: () => T | undefined): Promise<T | undefined> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}

describe('workerPool', () => {
  it('starts workers on first use and hands the same ones out again', async () => {
    const script = echoWorker();
    const pool = workerPool(() => script);
    const first = pool.take(2);
    expect(first).toHaveLength(2);
    expect(pool.take(1)[0]).toBe(first[0]);
    const answer = await new Promise((resolve) => {
      first[1].worker.once('message', resolve);
      first[1].worker.postMessage(21);
    });
    expect(answer).toBe(42);
    await pool.stop();
  });

  it('gives each worker a port on which it reports errors', async () => {
    const script = echoWorker();
    const pool = workerPool(() => script);
    const [helper] = pool.take(1);
    helper.worker.postMessage(-1);
    const message = await waitFor(() => receiveMessageOnPort(helper.errors));
    expect(message?.message).toBe('negative: -1');
    await pool.stop();
  });
});

describe('serveJobs', () => {
  it('runs each posted job; one that throws is reported on the errors port and flagged in control[2]', async () => {
    const script = servingWorker();
    const pool = workerPool(() => script);
    const [helper] = pool.take(1);
    const ok = { value: 21, control: new Int32Array(new SharedArrayBuffer(12)) };
    helper.worker.postMessage(ok);
    expect(await waitFor(() => (Atomics.load(ok.control, 1) === 1 ? ok.control[0] : undefined))).toBe(42);
    const bad = { value: -1, control: new Int32Array(new SharedArrayBuffer(12)) };
    helper.worker.postMessage(bad);
    expect(await waitFor(() => (Atomics.load(bad.control, 2) === 1 ? true : undefined))).toBe(true);
    expect(String(receiveMessageOnPort(helper.errors)?.message)).toContain('no negative values');
    await pool.stop();
  });
});

describe('workerScript', () => {
  it('gives the built worker beside a module running from the sources', () => {
    const url = workerScript(pathToFileURL(projectPath('src', 'cluster', 'kmeansWorkers.ts')).href, 'kmeansWorker.js');
    expect(url.href).toBe(pathToFileURL(projectPath('dist', 'src', 'cluster', 'kmeansWorker.js')).href);
  });

  it('gives the built worker in dist/ to a module of another build (the benchmarks\' dist-bench/) that lacks it', () => {
    const url = workerScript(pathToFileURL(projectPath('dist-bench', 'src', 'tokenize', 'tokenizeInWorkers.js')).href, 'tokenizeWorker.js');
    expect(url.href).toBe(pathToFileURL(projectPath('dist', 'src', 'tokenize', 'tokenizeWorker.js')).href);
  });

  it('says how to build when the worker is not built', () => {
    expect(() => workerScript(pathToFileURL(projectPath('src', 'cluster', 'kmeansWorkers.ts')).href, 'noSuchWorker.js'))
      .toThrow(/worker threads need the build: run `npm run build` \(missing .*dist\/src\/cluster\/noSuchWorker\.js\)/);
  });
});
