import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, openRecordedPage } from '../test/browser/chromium.js';
import { median } from './stats.js';

const HELP = `npm run bench:report -- --report FILE [--report FILE ...] [--repeat R]

Opens each report in headless Debian Chromium R times (a fresh page each time) and prints
the median time from navigation to the 'load' event and to "every chart drawn" (the
page's paperThemes.ready, then one animation frame), plus the file size. The first
report is the reference: the others are also given as a ratio to it.`;

interface Timing { load: number; ready: number }

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { report: { type: 'string', multiple: true }, repeat: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help || !values.report?.length) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const repeat = Number(values.repeat ?? 5);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected an integer >= 1, got ${values.repeat}`);
  const base = process.env.INIT_CWD ?? process.cwd();
  const reports = values.report.map((file) => resolve(base, file));
  for (const file of reports) if (!existsSync(file)) throw new Error(`--report: ${file} does not exist`);

  const browser = await launchChromium();
  const results: Array<{ file: string; mib: number; load: number; ready: number; problems: string[] }> = [];
  try {
    // Turns alternate between the reports, so a slow moment of the machine hits all of them.
    const timings = reports.map((): Timing[] => []);
    const problems = reports.map((): string[] => []);
    for (let r = 0; r < repeat; r++) {
      for (const [i, file] of reports.entries()) {
        const { page, log } = await openRecordedPage(browser);
        const started = performance.now();
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
        const load = performance.now() - started;
        await page.evaluate(async () => {
          await (window as unknown as { paperThemes: { ready: Promise<unknown> } }).paperThemes.ready;
          await new Promise((done) => requestAnimationFrame(() => done(null)));
        });
        const ready = performance.now() - started;
        timings[i].push({ load, ready });
        problems[i].push(...log.problems);
        await page.close();
        process.stderr.write(`  ${file}: load ${(load / 1000).toFixed(2)} s, charts drawn ${(ready / 1000).toFixed(2)} s\n`);
      }
    }
    reports.forEach((file, i) => results.push({
      file,
      mib: statSync(file).size / 2 ** 20,
      load: median(timings[i].map((t) => t.load)),
      ready: median(timings[i].map((t) => t.ready)),
      problems: [...new Set(problems[i])],
    }));
  } finally {
    await browser.close();
  }
  const reference = results[0];
  process.stdout.write(`report open time in headless Chromium, median of ${repeat}\n\n`);
  process.stdout.write('| report | size MiB | load s | charts drawn s | ratio to first |\n|---|---:|---:|---:|---:|\n');
  for (const r of results) {
    process.stdout.write(`| ${r.file} | ${r.mib.toFixed(1)} | ${(r.load / 1000).toFixed(2)} | ${(r.ready / 1000).toFixed(2)} | ${(r.ready / reference.ready).toFixed(2)} |\n`);
  }
  for (const r of results) if (r.problems.length) process.stdout.write(`\nconsole problems in ${r.file}:\n  ${r.problems.join('\n  ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: Error) => { process.stderr.write(`bench:report: ${error.message}\n`); process.exitCode = 1; },
);
