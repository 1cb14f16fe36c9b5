import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium with playwright-core: no browser is
 * ever downloaded. One browser per test file, one context (a fresh profile:
 * storage, language) per test. Wait with locators (`waitFor`, `expectVisible`),
 * not `page.waitForFunction('a string')`: its polling evals the string in the
 * page, which the app's CSP (no 'unsafe-eval') refuses.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without these Chromium dials Google's services at start, which the closed network refuses.
const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not at ${chromiumPath}: install it with \`apt-get install -y chromium\` (or point CHROMIUM_PATH at a Chromium binary). Browser tests never download a browser.`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export type UiLocale = 'en-US' | 'zh-CN';

/** What went wrong in the page while a test ran: each list must end empty. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  dialogs: string[];
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

// Runs before any page script; a violation is reported to the test through the exposed binding.
const reportCspViolations = `document.addEventListener('securitypolicyviolation', (event) => {
  window.__reportCspViolation?.(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
}, true);`;

/**
 * A fresh context whose `navigator.languages` starts with `locale` (how the
 * web app picks its language), recording console errors, uncaught page
 * errors, CSP violations and dialogs (dismissed at once).
 */
export async function openSession(browser: Browser, options: { locale?: UiLocale } = {}): Promise<BrowserSession> {
  const locale = options.locale ?? 'en-US';
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    problems.cspViolations.push(text);
  });
  await context.addInitScript({ content: reportCspViolations });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Chromium also logs each violation to the console: keep it once, as a violation.
    const url = message.location().url;
    if (/Refused to|Content Security Policy/i.test(text)) problems.cspViolations.push(`console: ${text}`);
    // Chromium asks for /favicon.ico by itself when a page declares no icon; the app never requested it.
    else if (new URL(url, 'http://x/').pathname === '/favicon.ico') return;
    else problems.consoleErrors.push(`${text} (${url})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, problems, close: () => context.close() };
}

/** Fails listing every CSP violation the page reported. */
export function assertNoCspViolations(session: BrowserSession): void {
  const { cspViolations } = session.problems;
  if (cspViolations.length > 0) throw new Error(`Content-Security-Policy violations:\n- ${cspViolations.join('\n- ')}`);
}

/** Fails on any console error, uncaught page error, CSP violation or dialog. */
export function assertNoPageProblems(session: BrowserSession): void {
  assertNoCspViolations(session);
  const { consoleErrors, pageErrors, dialogs } = session.problems;
  const lines = [...consoleErrors.map((e) => `console error: ${e}`), ...pageErrors.map((e) => `page error: ${e}`), ...dialogs.map((d) => `dialog opened: ${d}`)];
  if (lines.length > 0) throw new Error(`The page had problems:\n- ${lines.join('\n- ')}`);
}

/**
 * Waits (Playwright's auto-waiting, no sleep) for a locator to be visible and
 * fails with `what` in the message, so a failure names the rule, not a selector.
 */
export async function expectVisible(locator: Locator, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`${what}: not visible within ${timeout} ms (${String(locator)})\n${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** Fails listing every axe violation of impact serious or critical: rule, targets, help. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length === 0) return;
  const lines = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}\n    ${v.nodes.map((n) => n.target.map(String).join(' ')).join('\n    ')}`,
  );
  throw new Error(`${name}: ${serious.length} serious or critical accessibility violation(s):\n- ${lines.join('\n- ')}`);
}

export const testResults = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** A full-page PNG at test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(testResults, 'screenshots', `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A desk address signed in as the runtime's desk link signs in (the token in the fragment), at another path. */
export function deskUrlAt(signInUrl: string, path: string): string {
  const url = new URL(signInUrl);
  url.pathname = path;
  return url.toString();
}
