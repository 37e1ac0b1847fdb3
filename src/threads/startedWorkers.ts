import { Worker } from 'node:worker_threads';

/**
 * Workers started before their work is known, so that each loads what it needs (a wink
 * model, a model's arrays) while the caller does something else, e.g. reads the corpus.
 * `take` hands them over when they suit the work; whatever is not taken is stopped.
 */
export class StartedWorkers {
  private pool: Worker[];
  private failure: Error | null = null;

  constructor(count: number, script: URL, workerData: unknown) {
    this.pool = Array.from({ length: count }, () => {
      const worker = new Worker(script, { workerData });
      worker.on('error', (error) => (this.failure ??= error));
      return worker;
    });
  }

  /** Up to `count` of the workers when `suits` (else none); stops the rest. A worker that failed to start is thrown here. */
  take(count: number, suits: boolean): Worker[] {
    if (this.failure !== null) throw this.failure;
    const taken = suits ? this.pool.slice(0, count) : [];
    for (const worker of this.pool.slice(taken.length)) void worker.terminate();
    this.pool = [];
    return taken;
  }

  /** Stops the workers not taken. */
  async stop(): Promise<void> {
    const left = this.pool;
    this.pool = [];
    await Promise.all(left.map((worker) => worker.terminate()));
  }
}
