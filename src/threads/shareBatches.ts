import type { Worker } from 'node:worker_threads';

const ignore = () => {};

/**
 * Hands batches 0..count−1 to `workers` as they free up: `post(w, b)` sends batch b to
 * worker w, and the worker's next message is its reply, given to `receive(w, reply)`,
 * after which the worker gets the next batch. Resolves once every batch is answered;
 * rejects on a worker's error, or when one stops before answering. Messages from one
 * worker arrive in the order sent, so `receive` hears each worker's replies in order.
 */
export function shareBatches<Reply>(
  workers: readonly Worker[],
  count: number,
  post: (worker: number, batch: number) => void,
  receive: (worker: number, reply: Reply) => void,
): Promise<void> {
  let next = 0;
  let answered = 0;
  return new Promise<void>((resolve, reject) => {
    const detach: Array<() => void> = [];
    const finish = (error?: Error) => {
      for (const off of detach) off();
      if (error === undefined) resolve();
      else reject(error);
    };
    const send = (w: number) => {
      if (next < count) post(w, next++);
    };
    workers.forEach((worker, w) => {
      const onMessage = (reply: Reply) => {
        try {
          receive(w, reply);
        } catch (error) {
          return finish(error as Error);
        }
        if (++answered === count) return finish();
        send(w);
      };
      const onError = (error: Error) => finish(error);
      const onExit = (code: number) => finish(new Error(`worker stopped with exit code ${code} before answering`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      detach.push(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        // A second worker's error may already be queued: heard and dropped, never uncaught
        // (the caller stops the workers next).
        worker.on('error', ignore);
      });
    });
    if (count === 0) return finish();
    if (workers.length === 0) return finish(new Error('shareBatches: no workers for the batches'));
    workers.forEach((_, w) => send(w));
  });
}
