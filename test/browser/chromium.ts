import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packagedChromium, packagedChromiumEnv, runtimeGlibc } from './packagedChromium.js';

/** Debian's chromium, used when it is installed. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The only system the packaged Chromium's binary runs on. */
const PACKAGED_PLATFORM = 'linux-x64';

/** Which Chromium the browser tests drive ('none': there is none). Never one downloaded at run time. */
export type ChromiumChoice = { kind: 'named'; path: string } | { kind: 'debian'; path: string } | { kind: 'packaged' } | { kind: 'none' };

/**
 * The browser named by PAPER_THEMES_CHROMIUM, else Debian's chromium when installed, else
 * the one shipped inside the @sparticuz/chromium package (a devDependency) where it runs, so
 * that `npm ci && npm test` needs nothing else on a Linux machine.
 */
export function chooseChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  platform = `${process.platform}-${process.arch}`,
): ChromiumChoice {
  const named = env.PAPER_THEMES_CHROMIUM;
  if (named !== undefined && named !== '') return { kind: 'named', path: named };
  if (exists(DEBIAN_CHROMIUM)) return { kind: 'debian', path: DEBIAN_CHROMIUM };
  return platform === PACKAGED_PLATFORM ? { kind: 'packaged' } : { kind: 'none' };
}

/**
 * Flags for a headless run on a machine without network: the background-networking,
 * component-update, domain-reliability and ping ones stop Chromium's own calls home, which
 * would otherwise show up as refused requests. Of @sparticuz/chromium's recommended flags
 * (its `args`) only those two are taken: the others suit AWS Lambda (one process, no zygote,
 * GPU in process) or switch web security off, under which the report's tests of hostile
 * content would not test what a reader's browser does.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--no-pings',
  '--no-first-run',
];

/** How to start a browser: its binary, and what its environment adds. */
export interface ChromiumBinary {
  executablePath: string;
  env: Record<string, string>;
}

/** The chosen browser (the packaged one unpacked if needed). */
export async function chromiumBinary(choice: ChromiumChoice = chooseChromium()): Promise<ChromiumBinary> {
  if (choice.kind === 'packaged') {
    const packaged = await packagedChromium();
    return { executablePath: packaged.executablePath, env: packagedChromiumEnv(packaged, runtimeGlibc(), process.env) };
  }
  if (choice.kind === 'none') {
    throw new Error(`no Chromium for the browser tests: the packaged one runs on ${PACKAGED_PLATFORM} only; set PAPER_THEMES_CHROMIUM to a Chromium or Chrome binary`);
  }
  if (choice.kind === 'named' && !existsSync(choice.path)) {
    throw new Error(`PAPER_THEMES_CHROMIUM=${choice.path}: no such file (unset it to use Debian's chromium or the packaged one)`);
  }
  return { executablePath: choice.path, env: {} };
}

export async function launchChromium(choice: ChromiumChoice = chooseChromium()): Promise<Browser> {
  const { executablePath, env } = await chromiumBinary(choice);
  return chromium.launch({ executablePath, env: { ...process.env, ...env }, args: CHROMIUM_FLAGS });
}

/** What a page did while a test used it. */
export interface PageLog {
  /** Console errors and warnings, and uncaught exceptions. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
  /** Every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
}

/** A page that records problems, requests and dialogs, and never lets a request leave. */
export async function openRecordedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport });
  const log: PageLog = { problems: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => log.problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => log.requests.push(request.url()));
  // Nothing may reach the network even if a test clicks a link: such requests are aborted
  // (and still logged above).
  await page.route(/^(https?|wss?|ftp):/i, (route) => route.abort());
  return { page, log };
}

/** Opens a report in a recorded page and waits until every chart has been embedded. */
export async function openReport(browser: Browser, url: string, viewport?: { width: number; height: number }): Promise<{ page: Page; log: PageLog }> {
  const opened = await openRecordedPage(browser, viewport);
  await opened.page.goto(url);
  await opened.page.evaluate(() => (window as unknown as { paperThemes: { ready: Promise<unknown> } }).paperThemes.ready);
  return opened;
}
