import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/** A pooled worker and our end of the channel on which it reports an error (read synchronously). */
export interface PooledWorker {
  worker: Worker;
  errors: MessagePort;
}

export interface WorkerPool {
  /** `count` started workers, created on first use, then reused. */
  take(count: number): PooledWorker[];
  /** Stops the pooled workers (tests; the process never waits for them anyway). */
  stop(): Promise<void>;
}

/**
 * A lazily grown pool of workers running the worker file `script()` (see workerScript; the
 * file serves jobs with serveJobs). Workers are unref'd: they never keep the process alive.
 * Each gets an `errors` port in its workerData.
 */
export function workerPool(script: () => URL): WorkerPool {
  let pool: PooledWorker[] = [];
  return {
    take(count) {
      if (pool.length < count) {
        const file = script();
        while (pool.length < count) {
          const { port1, port2 } = new MessageChannel();
          const worker = new Worker(file, { workerData: { errors: port2 }, transferList: [port2] });
          worker.unref();
          port1.unref();
          pool.push({ worker, errors: port1 });
        }
      }
      return pool.slice(0, count);
    },
    async stop() {
      const stopping = pool.map((p) => p.worker.terminate());
      pool = [];
      await Promise.all(stopping);
    },
  };
}
