import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LocalStack } from '../support/local-stack.ts';
import { type BrowserSession, assertNoPageProblems, checkAccessibility, expectVisible, launchBrowser, openSession, screenshot } from '../support/browser.ts';

/** The page shell every later page sits in: it loads clean, signs in, switches language, and is served with a strict policy. */
describe('browser: the web app shell (desk and portal)', () => {
  let stack: LocalStack;
  let browser: Browser;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([LocalStack.start('2025-11-24T02:00:00.000Z'), launchBrowser()]);
  }, 90_000);

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const pages = () =>
    [
      { name: 'portal', url: stack.runtime.web.portal, desk: false },
      { name: 'desk-agent', url: stack.runtime.web.deskAsAgent, desk: true },
      { name: 'desk-supervisor', url: stack.runtime.web.deskAsSupervisor, desk: true },
    ] as const;

  /** The app has rendered once a heading shows (the sign-in line is a paragraph). */
  const rendered = (page: Page) => expectVisible(page.getByRole('heading', { level: 1 }), 'the page renders its heading');

  for (const which of ['portal', 'desk-agent', 'desk-supervisor'] as const) {
    it(`the ${which} page loads with no console or page error, is axe-clean, and is served with a strict policy`, async () => {
      const target = pages().find((p) => p.name === which)!;
      session = await openSession(browser, { locale: 'en-US' });
      const { page } = session;

      const response = await page.goto(target.url);
      expect(response?.status()).toBe(200);
      await rendered(page);

      const headers = response!.headers();
      const csp = headers['content-security-policy'];
      expect(csp, 'Content-Security-Policy header').toBeDefined();
      expect(csp).not.toContain("'unsafe-inline'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['referrer-policy']).toBe('no-referrer');

      if (target.desk) {
        // The sign-in token rides in the fragment only until the desk has kept it.
        await page.waitForURL((url) => url.hash === '');
        expect(page.url()).not.toContain('sign-in=');
        const nav = page.getByRole('navigation');
        await expectVisible(nav, 'the desk shows its top navigation');
        expect(await nav.getByRole('link').count(), 'links in the top navigation').toBeGreaterThan(0);
      }

      await checkAccessibility(page, which);
      await screenshot(page, which);
      assertNoPageProblems(session);
    });
  }

  it('the desk as supervisor shows more navigation than as agent (escalations, reports, calendar)', async () => {
    // Each role in its own profile: a desk already open at /desk/ takes a new #sign-in as an in-page jump, not a load.
    const linkNames = async (url: string) => {
      const own = await openSession(browser);
      try {
        await own.page.goto(url);
        const nav = own.page.getByRole('navigation');
        await expectVisible(nav.getByRole('link').first(), 'the desk shows links in its top navigation');
        const names = await nav.getByRole('link').allInnerTexts();
        assertNoPageProblems(own);
        return names;
      } finally {
        await own.close();
      }
    };
    const agent = await linkNames(stack.runtime.web.deskAsAgent);
    const supervisor = await linkNames(stack.runtime.web.deskAsSupervisor);
    expect(supervisor.length).toBeGreaterThan(agent.length);
    expect(supervisor).toEqual(expect.arrayContaining(agent));
  });

  for (const which of ['portal', 'desk-supervisor'] as const) {
    it(`the language switch on the ${which} page turns <html lang> from en to zh-CN and the visible text with it`, async () => {
      const target = pages().find((p) => p.name === which)!;
      session = await openSession(browser, { locale: 'en-US' });
      const { page } = session;
      await page.goto(target.url);
      await rendered(page);
      const html = page.locator('html');
      expect(await html.getAttribute('lang')).toBe('en');
      const englishText = await page.locator('body').innerText();

      await page.getByRole('button', { name: '中文' }).click();
      // A locator, not waitForFunction(string): under this CSP the page cannot eval a polled string.
      await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
      await expectVisible(page.getByRole('button', { name: 'English' }), 'the switch now offers English');
      const chineseText = await page.locator('body').innerText();
      expect(chineseText).not.toBe(englishText);
      // The portal's only text so far is the brand name, the same in both languages; the desk's title is translated.
      if (target.desk) expect(chineseText).toMatch(/\p{Script=Han}/u);

      await checkAccessibility(page, `${which}-zh-CN`);
      await screenshot(page, `${which}-zh-CN`);
      assertNoPageProblems(session);
    });
  }

  it('a browser whose first language is Chinese gets the Chinese page', async () => {
    session = await openSession(browser, { locale: 'zh-CN' });
    const { page } = session;
    await page.goto(stack.runtime.web.portal);
    await rendered(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectVisible(page.getByRole('button', { name: 'English' }), 'the switch offers English');
    assertNoPageProblems(session);
  });
});
