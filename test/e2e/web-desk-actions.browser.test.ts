import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LocalStack } from '../support/local-stack.ts';
import {
  type BrowserSession,
  assertNoPageProblems,
  checkAccessibility,
  deskUrlAt,
  expectVisible,
  launchBrowser,
  openSession,
  screenshot,
} from '../support/browser.ts';

let stack: LocalStack;
let browser: Browser;
let session: BrowserSession | undefined;

async function file(subject: string): Promise<{ id: string; caseNumber: string }> {
  const answer = await stack.request<{ id: string; caseNumber: string }>('POST', '/complaints', {
    body: {
      customer: { id: `desk-${subject.length}-${Math.random().toString(36).slice(2, 8)}`, name: 'Chen Jing', email: 'chen.jing@example.com', locale: 'en' },
      channel: 'web',
      subject,
      description: `${subject}: the parcel arrived late and the box was crushed.`,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  await stack.runtime.settle();
  return answer.body;
}

beforeAll(async () => {
  // Monday 23 November 2026, 10:00 in Shanghai: 2027 is not in the calendar data, so the banner shows.
  [stack, browser] = await Promise.all([LocalStack.start('2026-11-23T02:00:00.000Z'), launchBrowser()]);
}, 90_000);

afterEach(async () => {
  await session?.close();
  session = undefined;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('browser: the desk refuses, escalates, refreshes and is keyboard operable', () => {
  it('a refused action shows the API problem beside its control, in the UI language', async () => {
    const filed = await file('Refused reassignment');
    for (const locale of ['en-US', 'zh-CN'] as const) {
      session = await openSession(browser, { locale });
      const { page } = session;
      await page.goto(stack.runtime.web.deskAsSupervisor);
      await page.goto(deskUrlAt(stack.runtime.web.deskAsSupervisor, `/desk/cases/${filed.id}`));
      const reassign = page.getByRole('form', { name: locale === 'en-US' ? 'Reassign' : '转派' });
      await reassign.getByLabel(locale === 'en-US' ? 'Agent' : '客服', { exact: true }).fill('not an id!');
      await reassign.getByLabel(locale === 'en-US' ? 'Reason' : '原因', { exact: true }).fill('Covering for a colleague');
      await reassign.getByRole('button', { name: locale === 'en-US' ? 'Reassign' : '转派', exact: true }).click();
      const alert = reassign.getByRole('alert');
      await expectVisible(alert, 'the refusal inside the reassign form');
      const fieldError = reassign.locator('.field-error');
      await expectVisible(fieldError, 'the field error beside the agent field');
      const said = `${await alert.textContent()} ${await fieldError.textContent()}`;
      if (locale === 'zh-CN') expect(said).toMatch(/[\u4e00-\u9fff]/);
      else expect(said).not.toMatch(/[\u4e00-\u9fff]/);
      expect((await stack.staffCase(filed.id)).owner).toBeUndefined();
      await screenshot(page, `${locale}-desk-refusal`);
      // Chromium logs the refused request itself (400) as a console error: that one is the point of this test.
      const problems = session.problems;
      problems.consoleErrors = problems.consoleErrors.filter((line) => !/status of 400/.test(line));
      assertNoPageProblems(session);
      await session.close();
      session = undefined;
    }
  });

  it('a supervisor escalates by hand, sees it on the escalations page and acknowledges it from the list', async () => {
    const filed = await file('Escalated by hand');
    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.deskAsSupervisor);
    await page.goto(deskUrlAt(stack.runtime.web.deskAsSupervisor, `/desk/cases/${filed.id}`));
    const escalate = page.getByRole('form', { name: 'Escalate' });
    await escalate.getByLabel('Level', { exact: true }).selectOption('2');
    await escalate.getByLabel('Reason', { exact: true }).fill('The customer threatens to go to the media');
    await escalate.getByRole('button', { name: 'Escalate', exact: true }).click();
    await expectVisible(escalate.getByRole('status'), 'the escalation confirmed');
    await stack.runtime.settle();

    await page.getByRole('link', { name: 'Escalations', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(filed.caseNumber) });
    await expectVisible(row, 'the escalated case on the escalations page');
    expect(await row.textContent()).toContain('L2');
    await checkAccessibility(page, 'desk-escalations-listed');
    await screenshot(page, 'en-US-desk-escalations-listed');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: filed.caseNumber }), 'the acknowledgement confirmed');
    await expect.poll(() => page.getByRole('row', { name: new RegExp(filed.caseNumber) }).count()).toBe(0);
    const escalations = (await stack.staffCase(filed.id)).escalations as { level: number; acknowledgedAt?: string }[];
    expect(escalations.map((e) => [e.level, typeof e.acknowledgedAt])).toEqual([[2, 'string']]);
    assertNoPageProblems(session);
  });

  it('the queue countdown follows the server clock without a reload, and the queue is keyboard operable', async () => {
    const filed = await file('Countdown case');
    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.deskAsAgent);
    const row = page.getByRole('row', { name: new RegExp(filed.caseNumber) });
    await expectVisible(row.getByText(/due in 4[78] h/), 'a fresh first-response countdown (48 h)');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    await stack.advanceBy(30);
    // The queue refreshes on a timer and whenever the window regains focus; focus makes the test independent of the timer.
    await page.evaluate(() => {
      const window = globalThis as unknown as { dispatchEvent(event: unknown): boolean; Event: new (type: string) => unknown };
      window.dispatchEvent(new window.Event('focus'));
    });
    await expectVisible(row.getByText(/due in 1[78] h/), 'the countdown 30 hours later, without a reload', 20_000);
    expect(navigations).toEqual([]);

    // Keyboard only: Tab to the case number and open it with Enter.
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = (await page.locator(':focus').textContent()) === filed.caseNumber;
    }
    expect(reached, 'the case number link is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(filed.caseNumber) }), 'the case opened from the keyboard');
    assertNoPageProblems(session);
  });

  it("an agent sees a case triage left uncertain marked in the queue, and picks its category in the workspace", async () => {
    // Words the model never saw and no pick: triage files it uncertain.
    const filed = await stack.request<{ id: string; caseNumber: string }>('POST', '/complaints', {
      body: { customer: { id: 'desk-unsure-1', name: 'Gao Lei', email: 'gao.lei@example.com', locale: 'en' }, channel: 'web', subject: 'Hmm', description: 'Hmm.' },
    });
    expect(filed.status).toBe(201);
    const { id, caseNumber } = filed.body;

    session = await openSession(browser, { locale: 'zh-CN' });
    await session.page.goto(stack.runtime.web.deskAsAgent);
    await expectVisible(session.page.getByRole('row', { name: new RegExp(caseNumber) }).getByText('待人工选择分类'), 'the Chinese badge in the queue');
    await session.close();

    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.deskAsAgent);
    await page.getByLabel('Category', { exact: true }).selectOption('uncertain');
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await expectVisible(row.getByText("Needs an agent's pick"), 'the badge on the uncertain case, the queue filtered to them');
    await checkAccessibility(page, 'desk-queue-uncertain');
    await screenshot(page, 'en-US-desk-queue-uncertain');

    await row.getByRole('link', { name: caseNumber }).click();
    const panel = page.getByRole('region', { name: 'Category', exact: true });
    await expectVisible(panel.getByText('Triage could not tell what this complaint is about', { exact: false }), 'the pick asked for, first in the column');
    await checkAccessibility(page, 'desk-case-uncertain');
    const pick = page.getByRole('form', { name: 'Pick the category' });
    await pick.getByLabel('New category', { exact: true }).selectOption('logistics');
    await pick.getByLabel('Reason', { exact: true }).fill('The customer called: the parcel never came');
    await pick.getByRole('button', { name: 'Pick the category', exact: true }).click();
    await expectVisible(pick.getByRole('status'), 'the pick confirmed beside the form');
    await expectVisible(panel.getByText('Logistics', { exact: true }), 'the new category in the panel');
    await expectVisible(page.getByRole('listitem').filter({ hasText: 'Category picked' }), 'the pick on the timeline');
    expect(await panel.getByText('Triage could not tell', { exact: false }).count()).toBe(0);
    await checkAccessibility(page, 'desk-case-category-picked');
    await screenshot(page, 'en-US-desk-case-category-picked');

    const picked = await stack.staffCase(id);
    expect(picked).toMatchObject({ category: 'logistics', categorySource: 'agent', triage: { category: { value: 'uncertain' } } });
    expect(picked.timeline.find((e) => e.type === 'category_changed')?.details).toMatchObject({
      from: 'uncertain',
      to: 'logistics',
      reason: 'The customer called: the parcel never came',
    });
    assertNoPageProblems(session);
  });

  it('the customer answers an information request and the survey on the status page', async () => {
    const filed = await stack.request<{ id: string; caseNumber: string; accessToken: string }>('POST', '/complaints', {
      body: {
        customer: { id: 'status-page-1', name: 'Zhou Min', email: 'zhou.min@example.com', locale: 'en' },
        channel: 'web',
        subject: 'Wrong size delivered',
        description: 'I ordered the jacket in M and received an XL.',
      },
    });
    expect(filed.status).toBe(201);
    const { id, accessToken } = filed.body;
    const trackUrl = `${stack.runtime.url}/portal/track/${id}#token=${accessToken}`;

    // The agent asks, from the desk.
    session = await openSession(browser);
    await session.page.goto(stack.runtime.web.deskAsAgent);
    await session.page.goto(deskUrlAt(stack.runtime.web.deskAsAgent, `/desk/cases/${id}`));
    await session.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await session.page.getByLabel('Question', { exact: true }).fill('Which colour did you order, and is the tag still on?');
    await session.page.getByRole('button', { name: 'Request information', exact: true }).click();
    await stack.runtime.settle();
    await expectVisible(session.page.getByText('paused').first(), 'the resolution clock paused in the desk');
    await session.close();

    // The customer answers on the status page.
    session = await openSession(browser);
    const { page } = session;
    await page.goto(trackUrl);
    await expectVisible(page.getByText('Which colour did you order, and is the tag still on?'), 'the question on the status page');
    await page.getByLabel('Your reply', { exact: true }).fill('Navy blue, and yes, the tag is still on.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expectVisible(page.getByText('Thank you, we have your reply.'), 'the reply acknowledged');
    await stack.runtime.settle();
    const afterReply = await stack.staffCase(id);
    expect(afterReply.timeline.map((e) => e.type)).toContain('replied');
    expect(afterReply.pause).toBeUndefined();

    // Resolved and accepted, then the survey is sent a day after closing.
    const agent = { token: stack.agentToken };
    expect((await stack.request('POST', `/staff/complaints/${id}/responses`, { ...agent, body: { message: 'An M in navy is on its way.' } })).status).toBe(201);
    const resolved = await stack.request('POST', `/staff/complaints/${id}/resolution`, {
      ...agent,
      body: { rootCause: 'Picking error: shelf labels swapped', resolution: 'Exchanged for the right size' },
    });
    expect(resolved.status).toBe(200);
    expect((await stack.request('POST', `/complaints/${id}/confirmation`, { token: accessToken, body: { decision: 'accept' } })).status).toBe(200);
    await stack.advanceBy(25);
    await stack.runtime.runSurveySender();
    await stack.runtime.settle();

    await page.reload();
    await expectVisible(page.getByRole('group', { name: /How satisfied/ }), 'the survey on the status page');
    await checkAccessibility(page, 'portal-survey');
    await screenshot(page, 'en-US-portal-survey');
    await page.getByRole('group', { name: /How satisfied/ }).getByLabel('5', { exact: true }).check();
    await page.getByRole('group', { name: /How likely/ }).getByLabel('9', { exact: true }).check();
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expectVisible(page.getByText(/Thank you for your answer|You answered the survey/).first(), 'the survey answered');
    await stack.runtime.settle();
    expect((await stack.staffCase(id)).timeline.map((e) => e.type)).toContain('survey_answered');
    assertNoPageProblems(session);
  });

  it('the desk without a sign-in says how to sign in, in an accessible page', async () => {
    session = await openSession(browser, { locale: 'zh-CN' });
    const { page } = session;
    await page.goto(`${stack.runtime.url}/desk/`);
    await expectVisible(page.getByRole('heading', { level: 1, name: '登录工作台' }), 'the sign-in page');
    await checkAccessibility(page, 'desk-sign-in');
    await screenshot(page, 'zh-CN-desk-sign-in');
    assertNoPageProblems(session);
  });

  it('every desk page warns that 2027 is missing until the State Council schedule is loaded on the calendar page', async () => {
    session = await openSession(browser);
    const { page } = session;
    await page.goto(stack.runtime.web.deskAsSupervisor);
    const banner = page.getByText(/no 2027 yet/);
    await expectVisible(banner, 'the missing-year banner on the queue');
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await expectVisible(banner, 'the missing-year banner on the calendar page');
    const schedule = JSON.stringify({
      coveredYears: [2027],
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: "New Year's Day" },
        { date: '2027-02-06', kind: 'holiday', name: 'Spring Festival' },
      ],
    });
    await page.getByLabel('Schedule file (.ics or .json)').setInputFiles({ name: 'china-2027.json', mimeType: 'application/json', buffer: Buffer.from(schedule) });
    await page.getByRole('button', { name: 'Load the schedule' }).click();
    await expectVisible(page.getByText(/Loaded 2 entries/), 'what the upload loaded');
    await expect.poll(() => banner.count()).toBe(0);
    await checkAccessibility(page, 'desk-calendar-loaded');
    await screenshot(page, 'en-US-desk-calendar-loaded');
    assertNoPageProblems(session);
  });
});
