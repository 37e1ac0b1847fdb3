import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium; `.ci/run` installs it with apt-get. Never a downloaded browser. */
export const CHROMIUM = process.env.PAPER_THEMES_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for a headless run on a machine without network: the background-networking and
 * component-update ones stop Chromium's own calls home, which would otherwise show up as
 * refused requests.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
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
