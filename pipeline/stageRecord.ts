/** Wall time and memory of one stage, as recorded in run.json. */
export interface StageRecord {
  stage: string;
  wall_s: number;
  /** Resident set size when the stage ended, MiB. */
  rss_end_mib: number;
  /** Highest resident set size of the process so far (getrusage maxrss), MiB: the stage's peak or an earlier one. */
  rss_peak_mib: number;
}

const MIB = 1024 * 1024;

/** The stages in run order, for the `[n/8]` progress prefix. */
export const STAGE_ORDER = ['ingest', 'tokenize', 'vectorize', 'reduce', 'cluster', 'map', 'label', 'report'] as const;

/** Runs a stage, recording its wall time and memory; `log` hears when it starts and ends (numbered by `order`). */
export async function timeStage<T>(
  records: StageRecord[],
  stage: string,
  log: (line: string) => void,
  run: () => T | Promise<T>,
  describe: (result: T) => string,
  order: readonly string[] = STAGE_ORDER,
): Promise<T> {
  const number = order.indexOf(stage) + 1;
  const step = number > 0 ? `[${number}/${order.length}] ${stage}` : stage;
  log(`${step} ...`);
  const start = process.hrtime.bigint();
  const result = await run();
  const wall_s = Number(process.hrtime.bigint() - start) / 1e9;
  records.push({
    stage,
    wall_s: round(wall_s, 3),
    rss_end_mib: round(process.memoryUsage().rss / MIB, 1),
    rss_peak_mib: round((process.resourceUsage().maxRSS * 1024) / MIB, 1),
  });
  log(`${step}: ${describe(result)} (${wall_s.toFixed(2)} s)`);
  return result;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Calls `report` about every tenth of `total`, for long stages (not at the end: the stage's own line says it). */
export function progressEvery(total: number, report: (done: number) => void): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  let next = step;
  return (done) => {
    if (done < next || done >= total) return;
    report(done);
    while (next <= done) next += step;
  };
}
