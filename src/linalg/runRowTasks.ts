/** One kernel call: its arguments before (rowStart, rowEnd), then the row range. */
export interface RowTask {
  args: readonly unknown[];
  start: number;
  end: number;
}

/** Takes tasks from job.control[0] until none is left (`kernels`: name → function). */
export function runRowTasks(
  job: { kernel: string; tasks: readonly RowTask[]; control: Int32Array },
  kernels: Record<string, (...args: never[]) => void>,
): void {
  const kernel = kernels[job.kernel] as (...args: unknown[]) => void;
  for (;;) {
    const t = Atomics.add(job.control, 0, 1);
    if (t >= job.tasks.length) return;
    const task = job.tasks[t];
    kernel(...task.args, task.start, task.end);
    Atomics.add(job.control, 1, 1);
    Atomics.notify(job.control, 1);
  }
}
