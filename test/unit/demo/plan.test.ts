import { describe, expect, it } from 'vitest';
import { categories, channels } from '#domain/complaint.ts';
import { triageComplaint } from '#domain/triage/index.ts';
import { planDemo, type DemoPlan } from '#local/demo/plan.ts';
import { apportion, SeededRandom } from '#local/demo/random.ts';
import { complaintTexts, fill, voices } from '#local/demo/texts.ts';

const start = new Date('2025-09-15T01:00:00.000Z');
const counts = <K extends string>(keys: readonly K[], values: K[]) =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;
const escalated = (plan: DemoPlan) => plan.cases.filter((c) => c.escalation).length;

describe('the demo plan (npm start -- --demo)', () => {
  it('splits 300 complaints exactly like the annual report: categories 42/28/15/10/5, channels 50/35/11.4/3.6', () => {
    const plan = planDemo({ count: 300, start });
    expect(
      counts(
        categories,
        plan.cases.map((c) => c.category),
      ),
    ).toEqual({
      product_quality: 126,
      service_process: 84,
      billing_dispute: 45,
      service_attitude: 30,
      other: 15,
      logistics: 0,
    });
    expect(
      counts(
        channels,
        plan.cases.map((c) => c.channel),
      ),
    ).toEqual({ phone: 150, web: 105, app: 34, social: 11, email: 0 });
    expect(plan.expected.byChannel).toEqual({ phone: 150, web: 105, app: 34, social: 11, email: 0 });
  });

  it('apportions 37 by largest remainder', () => {
    const plan = planDemo({ count: 37, start });
    // Quotas 15.54, 10.36, 5.55, 3.7, 1.85: floors 15+10+5+3+1 = 34, the three units left go to .85, .7, .55.
    expect(
      counts(
        categories,
        plan.cases.map((c) => c.category),
      ),
    ).toEqual({
      product_quality: 15,
      service_process: 10,
      billing_dispute: 6,
      service_attitude: 4,
      other: 2,
      logistics: 0,
    });
    // Quotas 18.5, 12.95, 4.218, 1.332: floors 18+12+4+1 = 35, the two left to .95 and .5.
    expect(
      counts(
        channels,
        plan.cases.map((c) => c.channel),
      ),
    ).toEqual({ phone: 19, web: 13, app: 4, social: 1, email: 0 });
    expect(apportion(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
  });

  it('escalates about 3 %, reopens a few, answers about a third of the surveys and leaves the last days open', () => {
    const plan = planDemo({ count: 300, start });
    expect(escalated(plan)).toBe(9);
    expect(plan.expected.escalated).toEqual({ response_late: 3, resolution_late: 1, reopened: 3, by_hand: 2 });
    expect(plan.expected.reopened).toBe(3);
    expect(plan.expected.surveysAnswered).toBeGreaterThan(70);
    expect(plan.expected.surveysAnswered).toBeLessThan(110);
    expect(plan.expected.open).toBeGreaterThan(3);
    expect(plan.expected.open).toBeLessThan(40);
    const lastOpen = plan.cases.filter((c) => c.openAtEnd);
    for (const c of lastOpen) expect(plan.end.getTime() - c.filedAt.getTime()).toBeLessThan(8 * 24 * 3600_000);
    expect(escalated(planDemo({ count: 1000, start }))).toBe(30);
  });

  it('files more on working days than on days off, and every filing inside the month', () => {
    const plan = planDemo({ count: 300, start });
    for (const c of plan.cases) {
      expect(c.filedAt >= plan.start && c.filedAt < plan.end).toBe(true);
    }
    // 1–8 October is National Day: 8 days off among the 30, 4 more weekend days.
    const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const holiday = plan.cases.filter((c) => local(c.filedAt) >= '2025-10-01' && local(c.filedAt) <= '2025-10-08').length;
    expect(holiday / 8).toBeLessThan((300 - holiday) / 22);
  });

  it('is the same cohort for the same count, seed and start, and another for another seed', () => {
    const a = planDemo({ count: 120, start, seed: 7 });
    const b = planDemo({ count: 120, start, seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = planDemo({ count: 120, start, seed: 8 });
    expect(JSON.stringify(c.cases.map((x) => x.subject))).not.toBe(JSON.stringify(a.cases.map((x) => x.subject)));
    expect(new SeededRandom(1).next()).toBe(new SeededRandom(1).next());
  });

  it('writes texts that triage classifies into their category (no pick needed), without raising the severity', () => {
    let total = 0;
    let landed = 0;
    for (const category of categories) {
      for (const [locale, templates] of Object.entries(complaintTexts[category])) {
        for (const template of templates) {
          for (const voice of voices[locale as 'en']) {
            const values = { product: 'X1', order: 'SO-20250917-0815', amount: '199' };
            const result = triageComplaint({
              subject: fill(template.subject, values),
              description: `${voice.opener}${fill(template.description, values)}${voice.closer}`,
            });
            total++;
            if (result.category.value === category) landed++;
            expect(result.severity.value, template.subject).toBe('L1');
          }
        }
      }
    }
    expect(landed).toBe(total);
  });

  it('writes zh-CN and English complaints, and plans steps in time order', () => {
    const plan = planDemo({ count: 300, start });
    const zh = plan.cases.filter((c) => c.locale === 'zh-CN').length;
    expect(zh).toBeGreaterThan(180);
    expect(zh).toBeLessThan(290);
    for (const c of plan.cases) {
      let at = c.filedAt.getTime();
      for (const step of c.steps) {
        expect(step.expectedAt.getTime()).toBeGreaterThanOrEqual(at);
        at = step.expectedAt.getTime();
      }
    }
  });
});
