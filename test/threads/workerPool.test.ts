import { receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerPool } from '../../src/threads/workerPool.js';

const echo = () => `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (n) => {
  if (n < 0) workerData.errors.postMessage('negative: ' + n);
  else parentPort.postMessage(n * 2);
});
`;

describe('workerPool', () => {
  it('starts workers on first use and hands the same ones out again', async () => {
    const pool = workerPool(echo);
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
    const pool = workerPool(echo);
    const [helper] = pool.take(1);
    helper.worker.postMessage(-1);
    let message: { message: unknown } | undefined;
    for (let i = 0; i < 100 && !message; i++) {
      await new Promise((r) => setTimeout(r, 20));
      message = receiveMessageOnPort(helper.errors);
    }
    expect(message?.message).toBe('negative: -1');
    await pool.stop();
  });
});
