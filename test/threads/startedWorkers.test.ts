import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StartedWorkers } from '../../src/threads/startedWorkers.js';

/** A worker script file: `code` runs at start. */
function script(code: string): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'pt-started-')), 'worker.mjs');
  writeFileSync(file, code);
  return pathToFileURL(file);
}

describe('StartedWorkers', () => {
  it('hands over up to the count asked when the work suits them, and stops the rest', async () => {
    const started = new StartedWorkers(3, script("import { parentPort, workerData } from 'node:worker_threads'; parentPort.on('message', () => parentPort.postMessage(workerData.tag));"), { tag: 'ready' });
    const taken = started.take(2, true);
    expect(taken).toHaveLength(2);
    const reply = await new Promise((resolve) => {
      taken[0].once('message', resolve);
      taken[0].postMessage('ping');
    });
    expect(reply).toBe('ready');
    // Taken once: nothing is left to take or stop.
    expect(started.take(2, true)).toEqual([]);
    await started.stop();
    await Promise.all(taken.map((worker) => worker.terminate()));
  });

  it('hands over none when the work does not suit them', async () => {
    const started = new StartedWorkers(2, script("setInterval(() => {}, 1000);"), {});
    expect(started.take(2, false)).toEqual([]);
    await started.stop();
  });

  it('throws the error of a worker that failed to start, at take', async () => {
    const started = new StartedWorkers(1, script("throw new Error('could not load the model');"), {});
    // The failure reaches the main thread a while after the worker starts: ample time here.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(() => started.take(1, true)).toThrow('could not load the model');
    await started.stop();
  });
});
