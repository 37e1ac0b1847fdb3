import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HELP, main } from '../../pipeline/cli/main.js';
import { parseArgsOptions, rawOptions, RUN_OPTION_SPECS } from '../../pipeline/cli/runOptions.js';
import { defaultOptions } from '../../pipeline/options.js';
import { ASSIGN_HELP, ASSIGN_OPTION_SPECS } from '../../pipeline/cli/assignCommand.js';
import { EXPORT_HELP, EXPORT_OPTION_SPECS, NIGHTLY_HELP, NIGHTLY_OPTION_SPECS } from '../../pipeline/cli/nightlyCommands.js';
import { RELABEL_HELP, RELABEL_OPTION_SPECS } from '../../pipeline/cli/relabelCommand.js';
import type { OptionSpec } from '../../pipeline/cli/runOptions.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const declared = RUN_OPTION_SPECS.filter((spec) => spec.flag !== 'help').map((spec) => spec.flag).sort();

/** The flags named in the first column of the README's table of run options. */
function readmeFlags(): string[] {
  const table = readme.slice(readme.indexOf('| option | meaning | default |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/--([a-z0-9-]+)/g)].map((m) => m[1])).sort();
}

describe('run options, declared once (pipeline/cli/runOptions.ts)', () => {
  it('--help lists every declared option, and no other', () => {
    const block = HELP.slice(HELP.indexOf('Options:\n'), HELP.indexOf('\n\nOutputs in --out'));
    const named = [...block.matchAll(/^ {2}--([a-z0-9-]+)/gm)].map((m) => m[1]).sort();
    expect(named).toEqual(declared);
  });

  it('the README\'s option table lists every declared option, and no other', () => {
    expect(readmeFlags()).toEqual(declared);
  });

  it('each option sets a field of the run\'s options, a --no- flag to false', () => {
    const fields = new Set(Object.keys(defaultOptions()));
    for (const spec of RUN_OPTION_SPECS) {
      if (spec.sets === null) continue;
      expect(fields.has(spec.sets), spec.flag).toBe(true);
      const args = spec.value === undefined ? [`--${spec.flag}`] : [`--${spec.flag}`, '7'];
      const { values } = parseArgs({ args, options: parseArgsOptions(RUN_OPTION_SPECS), strict: true });
      const raw = rawOptions(RUN_OPTION_SPECS, values) as Record<string, unknown>;
      expect(raw[spec.sets], spec.flag).toEqual(spec.negates ? false : spec.value === undefined ? true : spec.multiple ? ['7'] : '7');
    }
  });

  it('evaluate refuses the options that only a run with a report has', async () => {
    for (const spec of RUN_OPTION_SPECS.filter((s) => s.runOnly === true)) {
      let err = '';
      const args = spec.value === undefined ? [`--${spec.flag}`] : [`--${spec.flag}`, 'x'];
      const code = await main(['evaluate', ...args], { out: { write: () => true }, err: { write: (t: string) => (err += t) } });
      expect(code, spec.flag).toBe(2);
      expect(err, spec.flag).toContain(`--${spec.flag}`);
    }
  });
});

describe('the other commands\' options, declared once', () => {
  const commands: Array<[string, readonly OptionSpec[], string]> = [
    ['nightly', NIGHTLY_OPTION_SPECS, NIGHTLY_HELP], ['export', EXPORT_OPTION_SPECS, EXPORT_HELP],
    ['assign', ASSIGN_OPTION_SPECS, ASSIGN_HELP], ['relabel', RELABEL_OPTION_SPECS, RELABEL_HELP],
  ];

  it.each(commands)('%s --help lists every declared option, and no other', (_name, specs, help) => {
    const named = [...help.matchAll(/^ {2}--([a-z0-9-]+)/gm)].map((m) => m[1]).sort();
    expect(named).toEqual(specs.filter((spec) => spec.flag !== 'help').map((spec) => spec.flag).sort());
  });

  it.each(commands)('%s refuses an option it does not declare, naming it', async (name) => {
    let err = '';
    const code = await main([name, '--no-such-option'], { out: { write: () => true }, err: { write: (t: string) => (err += t) } });
    expect(code).toBe(2);
    expect(err).toContain('--no-such-option');
  });

  it('shares the fit options of run: one declaration each', () => {
    for (const flag of ['k', 'k-range', 'seed', 'map', 'quiet', 'csv-bom']) {
      expect(NIGHTLY_OPTION_SPECS.find((spec) => spec.flag === flag)).toBe(RUN_OPTION_SPECS.find((spec) => spec.flag === flag));
    }
  });
});
