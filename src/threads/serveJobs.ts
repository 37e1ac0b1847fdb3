import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

/**
 * Inside a pooled worker (see workerPool): runs `handle` on each job posted to it. A job
 * that throws is reported on the worker's errors port and flagged in `job.control[2]`,
 * which wakes the waiting caller (on `job.control[1]`) to read the report.
 */
export function serveJobs<Job extends { control: Int32Array }>(handle: (job: Job) => void): void {
  const errors = (workerData as { errors: MessagePort }).errors;
  parentPort!.on('message', (job: Job) => {
    try {
      handle(job);
    } catch (error) {
      errors.postMessage(String(error instanceof Error && error.stack ? error.stack : error));
      Atomics.store(job.control, 2, 1);
      Atomics.notify(job.control, 1);
    }
  });
}
