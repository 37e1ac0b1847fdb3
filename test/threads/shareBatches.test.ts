import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { shareBatches } from '../../src/threads/shareBatches.js';

/** A worker that answers each number with its square, after `delayMs`; a negative number makes it exit, a zero throw. */
const squarer = (delayMs: number) => new Worker(`
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', ({ batch, value }) => {
    if (value < 0) process.exit(3);
    if (value === 0) throw new Error('no zero, batch ' + batch);
    setTimeout(() => parentPort.postMessage({ batch, square: value * value }), ${delayMs});
  });`, { eval: true });

let workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  workers = [];
});

describe('shareBatches', () => {
  it('answers every batch once, handing the next batch to whichever worker freed up, each worker in order', async () => {
    workers = [squarer(1), squarer(15)];
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const squares = new Array<number>(20).fill(0);
    const byWorker: number[][] = [[], []];
    await shareBatches<{ batch: number; square: number }>(workers, values.length,
      (w, batch) => workers[w].postMessage({ batch, value: values[batch] }),
      (w, reply) => {
        squares[reply.batch] += reply.square;
        byWorker[w].push(reply.batch);
      });
    expect(squares).toEqual(values.map((v) => v * v));
    // The fast worker took more batches; each worker's batches came back in the order sent.
    expect(byWorker[0].length).toBeGreaterThan(byWorker[1].length);
    for (const batches of byWorker) expect(batches).toEqual([...batches].sort((a, b) => a - b));
  });

  it('fails with the worker’s error, or when a worker stops before answering', async () => {
    workers = [squarer(0)];
    await expect(shareBatches(workers, 3, (w, batch) => workers[w].postMessage({ batch, value: batch }), () => {}))
      .rejects.toThrow('no zero, batch 0');
    workers = [squarer(0)];
    await expect(shareBatches(workers, 2, (w, batch) => workers[w].postMessage({ batch, value: batch - 1 }), () => {}))
      .rejects.toThrow('worker stopped with exit code 3 before answering');
  });

  it('fails once when several workers fail, the later errors dropped, never uncaught', async () => {
    const failing = () => new Worker("throw new Error('worker failed at start')", { eval: true });
    workers = [failing(), failing(), failing()];
    const shared = shareBatches(workers, 6, () => {}, () => {});
    // The main thread busy while the workers fail, so their errors queue up together.
    const until = Date.now() + 300;
    while (Date.now() < until);
    await expect(shared).rejects.toThrow('worker failed at start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('fails when a reply cannot be taken, and needs a worker for any batch', async () => {
    workers = [squarer(0)];
    await expect(shareBatches(workers, 2, (w, batch) => workers[w].postMessage({ batch, value: 2 }), () => {
      throw new Error('reply refused');
    })).rejects.toThrow('reply refused');
    await expect(shareBatches([], 1, () => {}, () => {})).rejects.toThrow('no workers');
    await expect(shareBatches([], 0, () => {}, () => {})).resolves.toBeUndefined();
  });
});
