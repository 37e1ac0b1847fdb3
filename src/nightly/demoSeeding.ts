/** What the command line and the project folder say about the user's own data. */
export interface SeedingFacts {
  /** `--demo` was given. */
  demoAsked: boolean;
  /** --store, --inbox, --source or --config was given. */
  namedAny: boolean;
  /** data/nightly.json exists. */
  configFile: boolean;
  /** The store file exists. */
  storeExists: boolean;
  /** The inbox holds a file to read. */
  inboxHasFiles: boolean;
}

/**
 * Why tonight may seed an empty store with the bundled corpus, or null: it must not.
 * Demo papers never enter a store of the user's: they are seeded on `--demo`, or on a
 * fresh clone, where nothing names or holds the user's data (so the README's
 * `npm run nightly` has a first night to show).
 */
export function demoSeeding(facts: SeedingFacts): string | null {
  if (facts.demoAsked) return '--demo';
  const freshClone = !facts.namedAny && !facts.configFile && !facts.storeExists && !facts.inboxHasFiles;
  return freshClone ? 'a fresh clone: no store, no inbox files, no --store, --inbox, --source or --config and no data/nightly.json' : null;
}
