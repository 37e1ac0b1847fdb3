// A WebAssembly kernel worker thread (see wasmKernels.ts): instantiates the job's module on
// the job's shared memory (once per memory id) and serves its row-range tasks.
import { serveJobs } from '../threads/serveJobs.js';
import { runRowTasks } from './runRowTasks.js';
import type { WasmJob } from './wasmKernels.js';

let current: { id: number; exports: Record<string, (...args: never[]) => void> | null } = { id: -1, exports: null };
serveJobs<WasmJob>((job) => {
  if (current.id !== job.id) {
    current = { id: job.id, exports: new WebAssembly.Instance(job.module, { env: { memory: job.memory } }).exports as unknown as Record<string, (...args: never[]) => void> };
  }
  runRowTasks(job, current.exports!);
});
