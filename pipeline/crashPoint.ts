/**
 * Kills the process here when PAPER_THEMES_CRASH_AT names this point: the crash-safety
 * tests stop a real run at the moment they want to prove safe.
 */
export function crashPoint(point: string): void {
  if (process.env.PAPER_THEMES_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
