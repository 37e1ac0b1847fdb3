import { readFileSync } from 'node:fs';

/**
 * Which process a pid is: the boot it runs in and its start time in clock ticks since
 * that boot (Linux: /proc/sys/kernel/random/boot_id and field 22 of /proc/<pid>/stat).
 * Together they are exact, so a pid reused after a reboot or a wrap-around is told
 * apart; boot time + start ticks drift with clock adjustments, so they only make
 * `startedAt`, the readable start time.
 */
export interface ProcessStart {
  bootId: string;
  startTicks: number;
  startedAt: string;
}

/** Linux's USER_HZ: the unit of /proc/<pid>/stat times on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The start of process `pid`, or null where /proc does not tell (not Linux, no such pid). */
export function processStart(pid: number): ProcessStart | null {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const startTicks = startTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (bootId === '' || startTicks === null || !Number.isFinite(bootTime)) return null;
    return { bootId, startTicks, startedAt: new Date(bootTime * 1000 + (startTicks * 1000) / TICKS_PER_SECOND).toISOString() };
  } catch {
    return null;
  }
}

/** Field 22 (starttime) of a /proc/<pid>/stat line; the command name (field 2) may hold spaces and parentheses. */
export function startTicksOf(stat: string): number | null {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(afterName[22 - 3]);
  return Number.isInteger(ticks) && ticks >= 0 ? ticks : null;
}
