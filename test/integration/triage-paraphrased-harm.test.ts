import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

interface SeverityReason {
  rule: string;
  evidence: string[];
}

// Harm told without a word any severity lexicon lists (no fire, smoke, burn, shock, injury): only the trained head can see it.
const paraphrases = [
  {
    customer: 'c-harm-1',
    locale: 'zh-CN' as const,
    subject: '电暖器有问题',
    description: '昨晚开着电暖器睡觉，半夜闻到一股刺鼻的味道，起来一看插座那里都黑了，外壳也变形了，太吓人了，孩子就睡在旁边。',
  },
  {
    customer: 'c-harm-2',
    locale: 'zh-CN' as const,
    subject: '儿童水杯',
    description: '孩子用你们的水杯喝水，杯盖上的小硅胶件掉进嘴里，孩子当场憋得满脸通红，我拍了半天背才咳出来。',
  },
  {
    customer: 'c-harm-3',
    locale: 'en' as const,
    subject: 'Heater issue',
    description:
      'Left the space heater on overnight and woke up to a horrible chemical smell, the wall socket had gone dark and the casing had warped. My kids sleep right next to it.',
  },
  {
    customer: 'c-harm-4',
    locale: 'en' as const,
    subject: 'Sippy cup',
    description:
      'A small silicone part came off the lid and my son had it in his throat, he went red and could not breathe until I thumped his back and it came out.',
  },
];

describe('A safety complaint in words no rule lists is L3 at filing and a supervisor hears of it at once', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    // Mon 2025-11-03 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-03T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it.each(paraphrases)('$locale: $subject', async ({ customer, locale, subject, description }) => {
    const { category: _none, ...body } = aFilingBody();
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: { ...body, customer: { ...body.customer, id: customer, locale }, subject, description },
    });
    expect(answer.status).toBe(201);

    const staffCase = await stack.staffCase(answer.body.id);
    expect(staffCase.severity).toBe('L3');
    const reasons = (staffCase.triage as { severity: { reasons: SeverityReason[] } }).severity.reasons;
    expect(reasons.map((r) => r.rule)).toEqual(['trained_model']);
    expect(reasons[0]!.evidence[0]).toMatch(/^p=0\.\d\d$/);

    // L3 tightens the targets: 24 hours to respond, 5 working days to resolve (Mon 03 + 5 = Mon 10 November).
    expect(answer.body.responseDueAt).toBe('2025-11-04T02:00:00.000Z');
    expect(answer.body.resolutionDueAt).toBe('2025-11-10T15:59:59.999Z');

    const alerts = (await stack.escalations(answer.body.caseNumber)).filter((m) => m.attributes.reason === 'high_risk');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.attributes).toMatchObject({ kind: 'escalation', level: 'risk' });
    expect(alerts[0]!.message).toContain('风险依据 / why: severity L3: trained_model');
  });
});
