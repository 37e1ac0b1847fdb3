import { rmSync } from 'node:fs';
import { processAlive } from './processAlive.js';

/**
 * Temporaries are named after the process writing them. One whose process is gone was
 * left by a run killed mid-write; one of a live process is another run still writing.
 */
export function leftBehind(pid: string): boolean {
  return /^\d+$/.test(pid) && (Number(pid) === process.pid || !processAlive(Number(pid)));
}

/** Removes a file or folder if it can; what stays is tidied by a later run. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Left for the next run's clean-up.
  }
}
