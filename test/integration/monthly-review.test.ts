import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintInput } from '#domain/complaint.ts';
import { monthSnapshot } from '#adapters/stores/report-cohorts.ts';
import { claimMonthlyReview, markMonthlyReviewSent, recordReviewRecipient } from '#adapters/stores/monthly-reviews.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

/*
 * The monthly review through the real daily schedule on the runtime's clock.
 * December 2025's review is due on the first working day of January 2026:
 * 1–3 January are the New Year holiday and Sunday 4 January is a make-up
 * working day, so it goes out on a Sunday, at 09:00 Shanghai, and not on the
 * 1st. January's review is due Monday 2 February (1 February is a Sunday).
 */
const recipients = ['director@example.com', 'ops@example.com'];

describe('Monthly review email (first working day, 09:00 desk time, once)', () => {
  let stack: LocalStack;
  let agent: string;

  const reviewsTo = async (address: string, month = 'December 2025') =>
    (await stack.emailsTo(address)).filter((m) => m.subject.endsWith(`Monthly complaint review: ${month}`));
  // The mail viewer stamps emails with the real time; the review's record holds the runtime clock's.
  const reviewSentAt = async (month: string) => {
    const claim = await claimMonthlyReview(month, 'probe', stack.clock.now(), 1);
    return claim.outcome === 'sent' ? claim.sentAt : claim.outcome;
  };
  const ok = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const answer = await stack.request<Record<string, string>>(method, path, {
      ...(token ? { token } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const file = (name: string, overrides: Partial<ComplaintInput>) =>
    ok(
      'POST',
      '/complaints',
      undefined,
      aFilingBody({
        customer: { id: `review-${name}`, name: `Customer ${name}`, email: `review-${name}@example.com`, locale: 'en' },
        subject: 'A parcel question',
        description: 'Please look into my order, thank you.',
        ...overrides,
      }),
    );
  const answerAndResolve = async (c: Record<string, string>, rootCause: string) => {
    await ok('POST', `/staff/complaints/${c.id}/responses`, agent, { message: 'We are on it.' });
    await ok('POST', `/staff/complaints/${c.id}/resolution`, agent, { rootCause, resolution: 'Sent a replacement.' });
    await ok('POST', `/complaints/${c.id}/confirmation`, c.accessToken, { decision: 'accept' });
  };

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { reportRecipients: recipients });
    agent = stack.agentToken;
    // November: two complaints, both answered and resolved at once.
    const n1 = await file('n1', { category: 'logistics' });
    const n2 = await file('n2', { category: 'product_quality' });
    await stack.advanceBy(1);
    await answerAndResolve(n1, 'Courier lost the parcel');
    await answerAndResolve(n2, 'Charger missing from the box');

    // December: four complaints; three resolved the same day, one left unanswered past 48 hours.
    await stack.advanceTo('2025-12-08T02:00:00.000Z');
    const d = [
      await file('d1', { category: 'product_quality' }),
      await file('d2', { category: 'product_quality' }),
      await file('d3', { category: 'logistics' }),
      await file('d4', { category: 'billing_dispute', subject: '<script>alert(1)</script> charged twice' }),
    ];
    await stack.advanceBy(1);
    await answerAndResolve(d[0]!, 'Charger missing from the box');
    // The same cause typed differently is one cause.
    await answerAndResolve(d[1]!, '  charger missing   from the BOX ');
    await answerAndResolve(d[2]!, 'Courier <b>lost</b> the parcel');
    // d4 is answered after three days: a first-response breach, escalated at 48 hours.
    await stack.advanceTo('2025-12-11T03:00:00.000Z');
    await answerAndResolve(d[3]!, 'Charger missing from the box');
  }, 120_000);
  afterAll(async () => stack?.stop());

  it("sent November's on Monday 1 December, and none of October: the desk started on 24 November, past October's catch-up days", async () => {
    expect(await reviewsTo('ops@example.com', 'November 2025')).toHaveLength(1);
    expect(await reviewSentAt('2025-11')).toBe('2025-12-01T01:00:00.000Z');
    expect(await reviewsTo('ops@example.com', 'October 2025')).toEqual([]);
  });

  it('sends nothing on the holiday and the Saturday, nor before 09:00 on the first working day', async () => {
    await stack.advanceTo('2026-01-01T01:30:00.000Z');
    await stack.advanceTo('2026-01-03T05:00:00.000Z');
    await stack.advanceTo('2026-01-04T00:59:00.000Z');
    for (const address of recipients) expect(await reviewsTo(address)).toEqual([]);
  });

  it("sends December's review once to each recipient at 09:00 on Sunday 4 January, the make-up working day", async () => {
    await stack.advanceTo('2026-01-04T01:00:00.000Z');
    const [review] = await reviewsTo('director@example.com');
    expect(await reviewsTo('director@example.com')).toHaveLength(1);
    expect(await reviewsTo('ops@example.com')).toHaveLength(1);
    expect(await reviewSentAt('2025-12')).toBe('2026-01-04T01:00:00.000Z');
    expect(review!.subject).toBe('【月度复盘】2025年12月投诉月报 / Monthly complaint review: December 2025');

    const text = review!.text!;
    // Both languages, Chinese first.
    expect(text.indexOf('月度投诉复盘：2025年12月（Asia/Shanghai）')).toBeLessThan(
      text.indexOf('Monthly complaint review: December 2025 (Asia/Shanghai)'),
    );
    // Headline figures beside November and the targets.
    expect(text).toContain('  Complaints received | 4 | 2 | — | —');
    expect(text).toContain('  受理投诉 | 4 | 2 | — | —');
    expect(text).toContain('  First response on time | 75.0 % | 100.0 % | ≥ 95.0 % | missed');
    expect(text).toContain('  首次响应按时率 | 75.0 % | 100.0 % | ≥ 95.0 % | 未达标');
    expect(text).toContain('  Escalation rate | 25.0 % | 0.0 % | ≤ 5.0 % | missed');
    expect(text).toContain('  Closed without telling the customer | 0 | 0 | ≤ 0 | met');
    // The breach list: d4's first response, 22 hours late (due 10 Dec 10:00, answered 11 Dec 11:00... desk time).
    expect(text).toMatch(
      /2\. The 1 worst missed deadlines \(1 in the month\)\n {2}CL-\S+ \| Billing dispute \| First response \| 2025-12-10 10:00 \| 2025-12-11 11:00 \| 25 h \| agent-1 \| L1/,
    );
    // Root causes of the cases closed in December, from the case library: the one typed three ways counts 3.
    expect(text).toContain('3. Most frequent root causes (4 cases closed this month, from the case library)');
    expect(text).toContain('  Charger missing from the box | 3 | Product quality');
    expect(text).toContain('  Courier <b>lost</b> the parcel | 1 | Logistics');
    expect(text).toContain('三、高频根本原因（本月办结 4 件，来自案例库）\n  Charger missing from the box | 3 | 产品质量');
    // The link to the report, and the same from a terminal.
    expect(text).toContain(`4. The full report: ${stack.runtime.url}/desk/reports?from=2025-12-01&to=2025-12-31&groupBy=category`);
    expect(text).toContain(`npx closeloop report --from 2025-12-01 --to 2025-12-31 --api ${stack.runtime.url}`);

    // What agents typed is text in the HTML too.
    const html = review!.html!;
    expect(html).toContain('Courier &lt;b&gt;lost&lt;/b&gt; the parcel');
    expect(html).not.toContain('<b>lost</b>');
    expect(html).toContain('<th scope="col"');
  });

  it('never sends twice: the schedule fired again, twice at once, and the next days', async () => {
    await Promise.all([stack.runtime.runScheduledTask('SendMonthlyReview'), stack.runtime.runScheduledTask('SendMonthlyReview')]);
    await stack.advanceTo('2026-01-06T02:00:00.000Z');
    for (const address of recipients) expect(await reviewsTo(address)).toHaveLength(1);
  });

  it("sends January's on Monday 2 February, not on Sunday 1 February", async () => {
    await stack.advanceTo('2026-02-01T05:00:00.000Z');
    expect(await reviewsTo('ops@example.com', 'January 2026')).toEqual([]);
    await stack.advanceTo('2026-02-02T01:00:00.000Z');
    const reviews = await reviewsTo('ops@example.com', 'January 2026');
    expect(reviews.map((m) => m.subject)).toEqual(['【月度复盘】2026年1月投诉月报 / Monthly complaint review: January 2026']);
    expect(await reviewSentAt('2026-01')).toBe('2026-02-02T01:00:00.000Z');
    // January had no complaint: its rates are counted as none, not as zero.
    expect(reviews[0]!.text).toContain('  Resolved rate | — | 100.0 % | ≥ 95.0 % | —');
    expect(reviews[0]!.text).toContain('2. Missed deadlines: none this month.');
  });

  it('the same daily run stores the snapshot of each month that has settled', async () => {
    // November ended 60 days before 30 January and every complaint of it is closed anyway.
    expect((await monthSnapshot('2025-11'))?.rows).toHaveLength(2);
    expect((await monthSnapshot('2025-12'))?.rows).toHaveLength(4);
  });

  it('a retried run takes a lapsed claim over and sends only to whom the crashed run had not', async () => {
    const now = stack.clock.now();
    const first = await claimMonthlyReview('2024-06', 'run-a', now, 60_000);
    expect(first).toEqual({ outcome: 'claimed', claimId: 'run-a', alreadySentTo: [] });
    await recordReviewRecipient('2024-06', 'run-a', 'director@example.com');
    // While run-a's lease holds, a second run does nothing.
    expect(await claimMonthlyReview('2024-06', 'run-b', now, 60_000)).toMatchObject({ outcome: 'busy' });
    // run-a crashed; after its lease, run-b takes over and knows who already has it.
    const later = new Date(now.getTime() + 61_000);
    expect(await claimMonthlyReview('2024-06', 'run-b', later, 60_000)).toEqual({
      outcome: 'claimed',
      claimId: 'run-b',
      alreadySentTo: ['director@example.com'],
    });
    // run-a, back from the dead, can no longer record or finish.
    await expect(recordReviewRecipient('2024-06', 'run-a', 'ops@example.com')).rejects.toThrow(/conditional/i);
    await markMonthlyReviewSent('2024-06', 'run-b', later);
    expect(await claimMonthlyReview('2024-06', 'run-c', new Date(later.getTime() + 3_600_000), 60_000)).toEqual({
      outcome: 'sent',
      sentAt: later.toISOString(),
    });
  });
});
