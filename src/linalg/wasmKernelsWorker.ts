// A WebAssembly kernel worker thread (see wasmKernels.ts): instantiates the job's kernels on
// the job's shared memory (once per memory id) and serves its row-range tasks.
import { instantiateKernels } from '../kernels/loadKernels.js';
import { serveJobs } from '../threads/serveJobs.js';
import { runRowTasks } from './runRowTasks.js';
import type { WasmJob } from './wasmKernels.js';

let current: { id: number; exports: Record<string, (...args: never[]) => void> | null } = { id: -1, exports: null };
serveJobs<WasmJob>((job) => {
  if (current.id !== job.id) current = { id: job.id, exports: instantiateKernels(job.kernels, job.memory) };
  runRowTasks(job, current.exports!);
});
