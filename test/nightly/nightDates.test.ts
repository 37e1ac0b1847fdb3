import { describe, expect, it } from 'vitest';
import { firstFutureNight, isFutureNight, lastCurrentNight, shiftDays } from '../../src/nightly/nightDates.js';

describe('night dates', () => {
  it('moves a night by days across months and years', () => {
    expect(shiftDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('takes tomorrow (UTC) as the last night that is not in the future', () => {
    const now = new Date('2026-12-02T23:30:00Z');
    expect(lastCurrentNight(now)).toBe('2026-12-03');
    expect(isFutureNight('2026-12-03', now)).toBe(false);
    expect(isFutureNight('2026-12-04', now)).toBe(true);
    expect(isFutureNight('9999-12-31', now)).toBe(true);
    expect(isFutureNight('2026-11-20', now)).toBe(false);
    expect(firstFutureNight(now)).toBe('2026-12-04');
  });
});
