import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LocalStack } from '../support/local-stack.ts';
import {
  type BrowserSession,
  type UiLocale,
  assertNoPageProblems,
  checkAccessibility,
  deskUrlAt,
  expectVisible,
  launchBrowser,
  openSession,
  screenshot,
} from '../support/browser.ts';

/** The contract's accessible names (issue 11), in each UI language. */
const names = {
  'en-US': {
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    subject: 'Subject',
    description: 'Description',
    orderRef: 'Order reference',
    submit: 'Submit complaint',
    track: 'Track this complaint',
    claim: 'Claim',
    response: 'Response',
    sendResponse: 'Send response',
    rootCause: 'Root cause',
    resolution: 'Resolution',
    compensation: 'Compensation',
    resolve: 'Resolve',
    accept: 'Accept',
    closed: 'Closed',
    libraryLink: 'Case library',
    reportsLink: 'Reports',
    escalationsLink: 'Escalations',
    calendarLink: 'Calendar',
    search: 'Search',
    searchWords: 'Words (Chinese or English)',
    received: 'Received',
  },
  'zh-CN': {
    name: '姓名',
    email: '邮箱',
    phone: '电话',
    subject: '标题',
    description: '描述',
    orderRef: '订单号',
    submit: '提交投诉',
    track: '查看投诉进度',
    claim: '认领',
    response: '答复内容',
    sendResponse: '发送答复',
    rootCause: '根本原因',
    resolution: '处理结果',
    compensation: '补偿',
    resolve: '办结',
    accept: '接受',
    closed: '已办结',
    libraryLink: '案例库',
    reportsLink: '报表',
    escalationsLink: '升级',
    calendarLink: '工作日历',
    search: '搜索',
    searchWords: '关键词（中文或英文）',
    received: '受理量',
  },
} as const;

const texts = {
  'en-US': {
    customer: 'Emma Walsh',
    email: 'emma.walsh@example.com',
    subject: 'Kettle arrived with a cracked lid',
    description: 'The kettle I ordered last week arrived with a cracked lid and leaks when filled. I would like a replacement.',
    answer: 'Sorry about the kettle: a replacement is on its way, and we will collect the broken one.',
    rootCause: 'Lid cracked in transit: the box had no corner protection',
    resolution: 'Replacement kettle sent by express; the broken one collected',
    compensation: 'Voucher of 20 CNY',
    searchFor: 'kettle lid',
  },
  'zh-CN': {
    customer: '李晓红',
    email: 'li.xiaohong@example.com',
    subject: '电热水壶盖子裂了',
    description: '上周买的电热水壶到货时壶盖有裂纹，加水就漏。希望换一个新的。',
    answer: '非常抱歉，新的水壶已经为您寄出，旧的我们会上门取回。',
    rootCause: '运输途中壶盖破裂：包装盒没有护角',
    resolution: '已加急寄出新水壶，并上门取回破损的水壶',
    compensation: '20 元优惠券',
    searchFor: '壶盖',
  },
} as const;

async function pageChecked(session: BrowserSession, name: string): Promise<void> {
  await checkAccessibility(session.page, name);
  await screenshot(session.page, name);
  assertNoPageProblems(session);
}

// One stack for both languages: the handlers keep their SDK clients for the process, so a second stack in the same file would not be theirs.
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  // A Monday in a covered year, so the deadlines are not provisional.
  [stack, browser] = await Promise.all([LocalStack.start('2026-11-23T02:00:00.000Z'), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

for (const locale of ['en-US', 'zh-CN'] as const satisfies readonly UiLocale[]) {
  const label = names[locale];
  const text = texts[locale];

  describe(`browser (${locale}): a complaint filed on the portal is answered and resolved in the desk, accepted by the customer, and counted`, () => {
    let trackUrl: string;
    let caseNumber: string;
    let complaintId: string;

    async function session(): Promise<BrowserSession> {
      return openSession(browser, { locale });
    }

    it('the customer files on the portal and gets the case number and the track link', async () => {
      const customer = await session();
      const { page } = customer;
      await page.goto(stack.runtime.web.portal);
      await page.getByLabel(label.name, { exact: true }).fill(text.customer);
      await page.getByLabel(label.email, { exact: true }).fill(text.email);
      await page.getByLabel(label.phone, { exact: true }).fill('13912345678');
      await page.getByLabel(label.subject, { exact: true }).fill(text.subject);
      await page.getByLabel(label.description, { exact: true }).fill(text.description);
      await page.getByLabel(label.orderRef, { exact: true }).fill('ORD-88231');
      await pageChecked(customer, `${locale}-portal-form`);
      await page.getByRole('button', { name: label.submit }).click();

      const track = page.getByRole('link', { name: label.track });
      await expectVisible(track, 'the link to the status page after filing');
      trackUrl = (await track.getAttribute('href'))!;
      caseNumber = /CL-\d{8}-\d{4}/.exec((await page.locator('main').textContent()) ?? '')![0];
      complaintId = /\/portal\/track\/([0-9A-Z]{26})#token=/.exec(trackUrl)![1]!;
      // The token is in the fragment only: never a query string a server or a Referer would see.
      expect(new URL(trackUrl, stack.runtime.url).search).toBe('');
      await pageChecked(customer, `${locale}-portal-filed`);
      await customer.close();
      await stack.runtime.settle();
    });

    it('the agent finds it in the queue, claims, answers and resolves it in the case workspace', async () => {
      const agent = await session();
      const { page } = agent;
      await page.goto(stack.runtime.web.deskAsAgent);
      const row = page.getByRole('link', { name: caseNumber });
      await expectVisible(row, 'the new case in the agent queue');
      await expectVisible(page.getByRole('row', { name: new RegExp(caseNumber) }).getByText(/\d+/).first(), 'the countdown in its row');
      await pageChecked(agent, `${locale}-desk-queue`);
      await row.click();
      await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(caseNumber) }), 'the case workspace heading');
      await expectVisible(page.getByText(text.description), 'the complaint text');
      await pageChecked(agent, `${locale}-desk-case`);

      await page.getByRole('button', { name: label.claim, exact: true }).click();
      await expectVisible(page.getByLabel(label.response, { exact: true }), 'the response form once claimed');
      await page.getByLabel(label.response, { exact: true }).fill(text.answer);
      await page.getByRole('button', { name: label.sendResponse, exact: true }).click();
      await stack.runtime.settle();
      await expectVisible(page.getByText(text.answer), 'the answer in the timeline');

      await page.getByLabel(label.rootCause, { exact: true }).fill(text.rootCause);
      await page.getByLabel(label.resolution, { exact: true }).fill(text.resolution);
      await page.getByLabel(label.compensation, { exact: true }).fill(text.compensation);
      await page.getByRole('button', { name: label.resolve, exact: true }).click();
      await stack.runtime.settle();
      await expectVisible(page.locator('dd', { hasText: text.rootCause }), 'the recorded root cause');
      expect((await stack.staffCase(complaintId)).phase).toBe('AWAITING_CONFIRMATION');
      await pageChecked(agent, `${locale}-desk-case-resolved`);
      await agent.close();
    });

    it('the customer sees the resolution on the status page and accepts it', async () => {
      const customer = await session();
      const { page } = customer;
      await page.goto(new URL(trackUrl, stack.runtime.url).toString());
      await expectVisible(page.getByText(text.resolution), 'the resolution on the status page');
      expect(new URL(page.url()).hash, 'the token dropped from the address bar').toBe('');
      await pageChecked(customer, `${locale}-portal-status`);
      await page.getByRole('button', { name: label.accept, exact: true }).click();
      await stack.runtime.settle();
      await expect.poll(async () => (await stack.staffCase(complaintId)).phase).toBe('CLOSED');
      await pageChecked(customer, `${locale}-portal-accepted`);
      await customer.close();
    });

    it('the supervisor sees it closed, finds it in the case library and counts it in the report', async () => {
      const supervisor = await session();
      const { page } = supervisor;
      await page.goto(deskUrlAt(stack.runtime.web.deskAsSupervisor, `/desk/cases/${complaintId}`));
      // The sign-in rides on the desk link; this address has none, so sign in first, then open the case.
      if (!(await page.getByRole('heading', { level: 1, name: new RegExp(caseNumber) }).isVisible())) {
        await page.goto(stack.runtime.web.deskAsSupervisor);
        await page.goto(deskUrlAt(stack.runtime.web.deskAsSupervisor, `/desk/cases/${complaintId}`));
      }
      await expectVisible(page.getByText(label.closed, { exact: false }).first(), 'the closed phase');

      await page.getByRole('link', { name: label.escalationsLink, exact: true }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: label.escalationsLink }), 'the escalations page');
      await pageChecked(supervisor, `${locale}-desk-escalations`);

      await page.getByRole('link', { name: label.libraryLink, exact: true }).click();
      await page.getByLabel(label.searchWords).fill(text.searchFor);
      await page.getByRole('button', { name: label.search, exact: true }).click();
      const found = page.getByRole('link', { name: caseNumber });
      await expectVisible(found, 'the closed case in the case library');
      await pageChecked(supervisor, `${locale}-desk-library`);
      await found.click();
      await expectVisible(page.getByText(text.rootCause).first(), 'the library case, read only, with its root cause');
      expect(await page.getByRole('button', { name: label.claim, exact: true }).count(), 'no action on a library case').toBe(0);

      await page.getByRole('link', { name: label.reportsLink, exact: true }).click();
      await expectVisible(page.locator('canvas').first(), 'the charts of the report');
      // The figure the API reports for this month so far (both languages' complaints are in it), shown on the card.
      const report = await stack.request<{ received: number }>('GET', '/staff/reports/kpi?from=2026-11-01&to=2026-11-23', {
        token: stack.supervisorToken,
      });
      expect(report.body.received).toBeGreaterThanOrEqual(1);
      const receivedCard = page.locator('.card', { hasText: label.received }).first();
      await expectVisible(receivedCard.getByText(String(report.body.received), { exact: true }), 'the received figure on its card');
      await pageChecked(supervisor, `${locale}-desk-reports`);

      await page.getByRole('link', { name: label.calendarLink, exact: true }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: label.calendarLink }), 'the calendar page');
      await pageChecked(supervisor, `${locale}-desk-calendar`);
      await supervisor.close();
    });
  });
}

