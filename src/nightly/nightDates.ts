/**
 * Nights are UTC dates (YYYY-MM-DD). A night is "current" up to tomorrow: a user a time
 * zone ahead of UTC may already be in it. Later nights are in the future: `--date` refuses
 * them unless asked, and `latest/` never follows them, so one mistyped far-future night
 * cannot freeze `latest/`.
 */

/** `night` moved by `days` (negative: earlier), as YYYY-MM-DD. */
export function shiftDays(night: string, days: number): string {
  const date = new Date(`${night}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The latest night that is not in the future: tomorrow, UTC. */
export function lastCurrentNight(now: Date = new Date()): string {
  return shiftDays(todayUtc(now), 1);
}

export function isFutureNight(night: string, now: Date = new Date()): boolean {
  return night > lastCurrentNight(now);
}

/** The first night in the future: `latest` is the newest finished night before it. */
export function firstFutureNight(now: Date = new Date()): string {
  return shiftDays(lastCurrentNight(now), 1);
}
