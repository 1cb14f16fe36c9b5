import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LocalStack } from '../support/local-stack.ts';
import { type BrowserSession, assertNoPageProblems, deskUrlAt, expectVisible, launchBrowser, openSession } from '../support/browser.ts';

/**
 * A customer's words are text, wherever they are shown: markup in a subject or
 * a description is displayed literally and never runs. What must hold for any
 * implementation of the pages, so only the visible text is looked for, not
 * where it sits.
 */
const subject = '<img src=x onerror="window.__xss=1">';
const description = '<script>window.__xss=2</script><b>bold?</b>';

describe('browser: customer text is shown as text, never run as markup', () => {
  let stack: LocalStack;
  let browser: Browser;
  let session: BrowserSession | undefined;
  let filed: { id: string; accessToken: string; caseNumber: string };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([LocalStack.start('2025-11-24T02:00:00.000Z'), launchBrowser()]);
    const answer = await stack.request<typeof filed>('POST', '/complaints', {
      body: {
        customer: { id: 'xss-1', name: 'Mallory Test', email: 'mallory.xss@example.com', locale: 'en' },
        channel: 'web',
        subject,
        description,
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    filed = answer.body;
    // Stored as typed: escaping is the page's job when it renders, not the API's.
    const stored = await stack.staffCase(filed.id);
    expect(stored.subject).toBe(subject);
    expect(stored.description).toBe(description);
  }, 90_000);

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Nothing the customer typed became an element, ran, or opened a dialog; the CSP reported nothing. */
  async function assertNothingRan(page: Page): Promise<void> {
    expect(await page.evaluate('window.__xss'), 'window.__xss (set only if the markup ran)').toBeUndefined();
    expect(await page.locator('img[src="x"]').count(), '<img src=x> elements made from the subject').toBe(0);
    expect(await page.locator('b', { hasText: 'bold?' }).count(), '<b> elements made from the description').toBe(0);
    expect(await page.locator('script:not([src])').count(), 'inline <script> elements').toBe(0);
    assertNoPageProblems(session!);
  }

  it('the policy blocks an inline handler smuggled into the page, and the harness reports the violation', async () => {
    // Proves the checks below can fail: markup that reached the DOM is stopped by the CSP and seen.
    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.portal);
    await expectVisible(page.getByRole('heading', { level: 1 }), 'the portal renders');
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(subject)})`);
    // Locators, not waitForFunction(string): under this CSP the page cannot eval a polled string.
    await page.locator('img[src="x"]').waitFor({ state: 'attached' });
    await expect.poll(() => session!.problems.cspViolations.length, { message: 'CSP violations reported' }).toBeGreaterThan(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('the desk queue (/desk/, supervisor) shows the subject literally and runs none of it', async () => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.deskAsSupervisor);
    await expectVisible(page.getByText(subject), `the queue page (/desk/) shows the subject of ${filed.caseNumber} as text`);
    await assertNothingRan(page);
  });

  it('the desk case page (/desk/cases/{id}, supervisor) shows the subject and the description literally and runs none of it', async () => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto(deskUrlAt(stack.runtime.web.deskAsSupervisor, `/desk/cases/${filed.id}`));
    await expectVisible(page.getByText(subject), `the case page (/desk/cases/${filed.id}) shows the subject as text`);
    await expectVisible(page.getByText(description), `the case page (/desk/cases/${filed.id}) shows the description as text`);
    await assertNothingRan(page);
  });

  it('the portal status page (/portal/track/{id}#token=…) shows the subject literally and runs none of it', async () => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto(`${stack.runtime.url}/portal/track/${filed.id}#token=${encodeURIComponent(filed.accessToken)}`);
    await expectVisible(page.getByText(subject), `the portal status page (/portal/track/${filed.id}) shows the subject as text`);
    await assertNothingRan(page);
  });
});
