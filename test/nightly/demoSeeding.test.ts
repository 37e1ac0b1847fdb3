import { describe, expect, it } from 'vitest';
import { demoSeeding, type SeedingFacts } from '../../src/nightly/demoSeeding.js';

const fresh: SeedingFacts = { demoAsked: false, namedAny: false, configFile: false, storeExists: false, inboxHasFiles: false };

describe('demoSeeding', () => {
  it('seeds a fresh clone, saying why', () => {
    expect(demoSeeding(fresh)).toMatch(/^a fresh clone/);
  });

  it.each([['namedAny'], ['configFile'], ['storeExists'], ['inboxHasFiles']] as const)('does not seed once %s shows the user’s own data', (fact) => {
    expect(demoSeeding({ ...fresh, [fact]: true })).toBeNull();
  });

  it('seeds whenever --demo is given', () => {
    expect(demoSeeding({ demoAsked: true, namedAny: true, configFile: true, storeExists: true, inboxHasFiles: true })).toBe('--demo');
  });
});
