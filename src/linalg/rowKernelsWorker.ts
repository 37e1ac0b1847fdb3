// A row-kernel worker thread (see linalgWorkers.ts): serves row-range tasks of rowKernels.ts.
import { serveJobs } from '../threads/serveJobs.js';
import * as rowKernels from './rowKernels.js';
import { runRowTasks, type RowTask } from './runRowTasks.js';

serveJobs<{ kernel: string; tasks: readonly RowTask[]; control: Int32Array }>((job) =>
  runRowTasks(job, rowKernels as unknown as Record<string, (...args: never[]) => void>));
