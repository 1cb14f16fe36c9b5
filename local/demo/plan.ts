import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import type { CaseCategory, Category, Channel, Locale } from '#domain/complaint.ts';
import { apportion, SeededRandom } from './random.ts';
import {
  compensations,
  complaintTexts,
  customerNames,
  fill,
  firstResponses,
  products,
  rejectionReasons,
  resolutions,
  rootCauses,
  surveyComments,
  voices,
} from './texts.ts';

/**
 * The demo's cohort as a script, pure: the same count, seed and start give the
 * same complaints, texts, instants and outcomes. Shaped like the annual
 * report in DOMAIN.md: category and channel shares exact by largest
 * remainder, about 3 % escalated, a few reopened, about a third of the
 * surveys answered, the last days' complaints still open.
 */

/** The annual report's split (DOMAIN.md): it has no logistics share, so the demo files none. */
export const categoryShares: Record<Category, number> = {
  product_quality: 42,
  service_process: 28,
  billing_dispute: 15,
  service_attitude: 10,
  other: 5,
  logistics: 0,
};
export const channelShares: Record<Channel, number> = { phone: 50, web: 35, app: 11.4, social: 3.6, email: 0 };
export const escalationShare = 0.03;
export const surveyAnswerShare = 1 / 3;
export const demoDays = 30;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

/**
 * When a step runs: some time after the previous step (after filing for the
 * first), or some time after a deadline the desk answered at filing (a late
 * step lands after the real deadline whatever calendar the desk has).
 */
export type StepWhen = { afterPreviousMs: number } | { afterDue: 'response' | 'resolution'; ms: number };

export type PlannedStep = { when: StepWhen; expectedAt: Date } & (
  | { action: 'respond'; message: string }
  | { action: 'escalate'; level: 1 | 2; note: string }
  | { action: 'resolve'; rootCause: string; resolution: string; compensation?: string }
  | { action: 'accept' }
  | { action: 'reject'; reason: string }
  | { action: 'survey'; csat: number; nps: number; comment?: string }
);

/** Why a case is escalated, if it is: each is one the real workflow (or a supervisor, by hand) produces. */
export type EscalationKind = 'response_late' | 'resolution_late' | 'reopened' | 'by_hand';

export interface PlannedCase {
  index: number;
  filedAt: Date;
  category: Category;
  channel: Channel;
  locale: Locale;
  /** The customer's (or on the phone, the agent's) own pick, when sent; else triage classifies the text. */
  pickedCategory?: Category;
  /** What triage should find: the texts carry no threat, safety word or large amount. */
  severityHint: 'L1';
  customer: { id: string; name: string; email: string; locale: Locale; phone?: string };
  subject: string;
  description: string;
  orderRef?: string;
  /** The same customer and category as an earlier case within 30 days (重复投诉). */
  repeatOfIndex?: number;
  escalation?: EscalationKind;
  /** Steps expected after the demo's end are left out: the desk keeps them for a person to do. */
  steps: PlannedStep[];
  /** Not CLOSED when the demo ends. */
  openAtEnd: boolean;
}

export interface DemoPlan {
  seed: number;
  start: Date;
  end: Date;
  timeZone: string;
  cases: PlannedCase[];
  expected: {
    /** What the report counts: every demo text lands in its category (test/unit/demo), so none waits on a pick. */
    byCategory: Record<CaseCategory, number>;
    byChannel: Record<Channel, number>;
    escalated: Record<EscalationKind, number>;
    reopened: number;
    surveysAnswered: number;
    open: number;
  };
}

export interface DemoPlanOptions {
  count: number;
  start: Date;
  seed?: number;
  timeZone?: string;
}

export const defaultDemoSeed = 20_251_001;

const localHour = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (at: Date) => Number(format.format(at));
};

/** Fewer complaints at night and on days off (weekends, public holidays; 调休 make-up days are working days). */
const hourWeight = (hour: number) =>
  hour < 7 ? 0.08 : hour < 9 ? 0.5 : hour < 12 ? 1.2 : hour < 14 ? 0.9 : hour < 18 ? 1.1 : hour < 22 ? 0.8 : 0.3;

function dayOffTest(timeZone: string): (at: Date) => boolean {
  const calendar = chinaStatutoryCalendar(timeZone);
  return (at) => {
    const date = calendar.localDateOf(at);
    if (calendar.covers(Number(date.slice(0, 4)))) return !calendar.isWorkingDay(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday === 0 || weekday === 6;
  };
}

function orderNumber(random: SeededRandom, filedAt: Date): string {
  for (;;) {
    const ref = `SO-${filedAt.toISOString().slice(0, 10).replaceAll('-', '')}-${random.int(100, 9999)}`;
    // 12315 and 12345 are the regulator hotlines: triage reads them as a threat.
    if (!/12315|12345/.test(ref)) return ref;
  }
}

export function planDemo(options: DemoPlanOptions): DemoPlan {
  const { count, start } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const seed = options.seed ?? defaultDemoSeed;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const random = new SeededRandom(seed);
  const end = new Date(start.getTime() + demoDays * DAY);
  const hourOf = localHour(timeZone);
  const isDayOff = dayOffTest(timeZone);

  // Filing instants: rejection sampling over the month, whole minutes, the last hour left quiet.
  const filings: Date[] = [];
  while (filings.length < count) {
    const at = new Date(Math.floor((start.getTime() + random.next() * (demoDays * DAY - HOUR)) / MINUTE) * MINUTE);
    if (at < start) continue;
    const weight = hourWeight(hourOf(at)) * (isDayOff(at) ? 0.45 : 1);
    if (random.next() * 1.2 < weight) filings.push(at);
  }
  filings.sort((a, b) => a.getTime() - b.getTime());

  const byCategory = apportion(count, categoryShares);
  const byChannel = apportion(count, channelShares);
  const categoryOf = random.shuffle(expand(byCategory));
  const channelOf = random.shuffle(expand(byChannel));

  const cases: PlannedCase[] = filings.map((filedAt, index) => {
    const category = categoryOf[index]!;
    const channel = channelOf[index]!;
    const locale: Locale = random.chance(0.78) ? 'zh-CN' : 'en';
    const template = random.pick(complaintTexts[category][locale]);
    const voice = random.pick(voices[locale]);
    const orderRef = orderNumber(random, filedAt);
    const values = { product: random.pick(products[locale]), order: orderRef, amount: String(random.int(19, 899)) };
    const key = String(index + 1).padStart(4, '0');
    const picks = channel === 'phone' ? 0.7 : channel === 'social' ? 0 : 0.5;
    const pickedCategory = random.chance(picks) ? category : undefined;
    return {
      index,
      filedAt,
      category,
      channel,
      locale,
      ...(pickedCategory ? { pickedCategory } : {}),
      severityHint: 'L1',
      customer: {
        id: `demo-${key}`,
        name: random.pick(customerNames[locale]),
        email: `demo-${key}@example.com`,
        locale,
        ...(channel === 'phone' ? { phone: `+86 138 ${random.int(1000, 9999)} ${random.int(1000, 9999)}` } : {}),
      },
      subject: fill(template.subject, values),
      description: `${voice.opener}${fill(template.description, values)}${voice.closer}`.trim(),
      ...(random.chance(0.8) ? { orderRef } : {}),
      steps: [],
      openAtEnd: true,
    };
  });

  // 重复投诉: now and then the same customer complains again about the same thing.
  for (const c of cases) {
    if (!random.chance(0.03)) continue;
    const earlier = cases.filter(
      (e) => e.index < c.index && e.category === c.category && e.repeatOfIndex === undefined && e.locale === c.locale,
    );
    if (!earlier.length) continue;
    const first = random.pick(earlier);
    c.customer = { ...first.customer, ...(c.customer.phone ? { phone: c.customer.phone } : {}) };
    c.repeatOfIndex = first.index;
  }

  // Escalations, about 3 % (at least two, so a small demo shows one of each main kind).
  const escalations = Math.max(2, Math.round(count * escalationShare));
  const reopened = Math.max(1, Math.round(escalations / 3));
  const responseLate = Math.max(1, Math.round(escalations / 3));
  const byHand = Math.ceil(Math.max(0, escalations - reopened - responseLate) / 2);
  const resolutionLate = Math.max(0, escalations - reopened - responseLate - byHand);
  const assign = (kind: EscalationKind, n: number, eligible: (c: PlannedCase) => boolean) => {
    const pool = random.shuffle(cases.filter((c) => !c.escalation && eligible(c)));
    for (const c of pool.slice(0, n)) c.escalation = kind;
  };
  const age = (c: PlannedCase) => end.getTime() - c.filedAt.getTime();
  // Each kind needs the room to play out before the end: a late resolution waits up to ~3 weeks across a long holiday.
  assign('resolution_late', resolutionLate, (c) => age(c) > 24 * DAY);
  assign('reopened', reopened, (c) => age(c) > 10 * DAY);
  assign('response_late', responseLate, (c) => age(c) > 9 * DAY);
  assign('by_hand', byHand, (c) => age(c) > 8 * DAY);

  for (const c of cases) planSteps(c, random, end);

  // About a third of the surveys sent (a day after closing) are answered, by customers who accepted.
  const closedAt = (c: PlannedCase) => {
    const accept = c.steps.find((s) => s.action === 'accept');
    return accept?.expectedAt;
  };
  const surveyed = cases.filter((c) => {
    const closed = closedAt(c);
    return closed && closed.getTime() + 26 * HOUR < end.getTime() - HOUR;
  });
  const silentClosed = cases.filter((c) => !c.openAtEnd && !closedAt(c)).length;
  const answers = Math.min(surveyed.length, Math.round((surveyed.length + silentClosed) * surveyAnswerShare));
  for (const c of random.shuffle(surveyed).slice(0, answers)) {
    const closed = closedAt(c)!.getTime();
    const at = Math.floor(Math.min(closed + 26 * HOUR + random.next() * 4 * DAY, end.getTime() - HOUR) / MINUTE) * MINUTE;
    const last = c.steps[c.steps.length - 1]!;
    const csat = c.escalation ? random.weighted({ 2: 2, 3: 3, 4: 3, 5: 2 }) : random.weighted({ 1: 2, 2: 3, 3: 8, 4: 30, 5: 57 });
    const score = Number(csat);
    const nps = score >= 5 ? random.int(9, 10) : score === 4 ? random.int(7, 9) : score === 3 ? random.int(5, 7) : random.int(0, 4);
    c.steps.push({
      action: 'survey',
      csat: score,
      nps,
      ...(random.chance(0.4) ? { comment: random.pick(surveyComments[c.locale]) } : {}),
      when: { afterPreviousMs: at - last.expectedAt.getTime() },
      expectedAt: new Date(at),
    });
  }

  const count_ = <T>(items: T[], f: (t: T) => boolean) => items.filter(f).length;
  return {
    seed,
    start,
    end,
    timeZone,
    cases,
    expected: {
      byCategory: { ...byCategory, uncertain: 0 },
      byChannel,
      escalated: {
        response_late: count_(cases, (c) => c.escalation === 'response_late'),
        resolution_late: count_(cases, (c) => c.escalation === 'resolution_late'),
        reopened: count_(cases, (c) => c.escalation === 'reopened'),
        by_hand: count_(cases, (c) => c.escalation === 'by_hand'),
      },
      reopened: count_(cases, (c) => c.steps.some((s) => s.action === 'reject')),
      surveysAnswered: count_(cases, (c) => c.steps.some((s) => s.action === 'survey')),
      open: count_(cases, (c) => c.openAtEnd),
    },
  };
}

function expand<K extends string>(counts: Record<K, number>): K[] {
  return (Object.entries(counts) as [K, number][]).flatMap(([key, n]) => Array.from({ length: n }, () => key));
}

/**
 * The desk's side and the customer's, step by step. Expected instants assume
 * the standard 48-hour response and no VIP; a step relative to a deadline is
 * placed by the driver from the deadline the desk answered.
 */
function planSteps(c: PlannedCase, random: SeededRandom, end: Date): void {
  const steps: PlannedStep[] = [];
  let at = c.filedAt.getTime();
  const after = (ms: number): { when: StepWhen; expectedAt: Date } => {
    const rounded = Math.round(ms / MINUTE) * MINUTE;
    at += rounded;
    return { when: { afterPreviousMs: rounded }, expectedAt: new Date(at) };
  };
  const { locale } = c;
  const cause = random.pick(rootCauses[c.category]);
  const resolve = (when: { when: StepWhen; expectedAt: Date }): PlannedStep => ({
    action: 'resolve',
    rootCause: cause[locale],
    resolution: random.pick(resolutions[locale]),
    ...(random.chance(0.35) ? { compensation: random.pick(compensations[locale]) } : {}),
    ...when,
  });
  // Most first answers within a day; none past 36 hours (the response warning) unless planned late.
  const responseDelay = () => (random.chance(0.7) ? random.between(0.2, 8) : random.between(8, 34)) * HOUR;
  const respond = (when: { when: StepWhen; expectedAt: Date }): PlannedStep => ({
    action: 'respond',
    message: random.pick(firstResponses[locale]),
    ...when,
  });

  if (c.escalation === 'response_late') {
    const late = random.between(1, 12) * HOUR;
    at += 48 * HOUR + late;
    steps.push(respond({ when: { afterDue: 'response', ms: Math.round(late / MINUTE) * MINUTE }, expectedAt: new Date(at) }));
  } else {
    steps.push(respond(after(responseDelay())));
  }
  if (c.escalation === 'by_hand') {
    const note =
      locale === 'zh-CN'
        ? random.pick(['客户多次来电催促', '涉及大客户，主管跟进', '同类问题本周多发'])
        : random.pick(['Customer calls every day', 'Key account, supervisor follows', 'Same issue several times this week']);
    steps.push({ action: 'escalate', level: random.chance(0.5) ? 1 : 2, note, ...after(random.between(1, 6) * HOUR) });
    // A level-2 escalation reaches level 3 two working days later if still unresolved: resolve within the day.
    steps.push(resolve(after(random.between(2, 18) * HOUR)));
  } else if (c.escalation === 'resolution_late') {
    const late = random.between(3, 20) * HOUR;
    // Expected: about three weeks after filing at the latest, across a long holiday.
    at = c.filedAt.getTime() + 21 * DAY;
    steps.push(resolve({ when: { afterDue: 'resolution', ms: Math.round(late / MINUTE) * MINUTE }, expectedAt: new Date(at) }));
  } else {
    // Within 4 days of the first answer, so well inside 7 working days and before the resolution warning.
    steps.push(resolve(after((random.chance(0.6) ? random.between(2, 30) : random.between(30, 96)) * HOUR)));
  }

  if (c.escalation === 'reopened') {
    steps.push({ action: 'reject', reason: random.pick(rejectionReasons[locale]), ...after(random.between(2, 20) * HOUR) });
    // Re-resolved within the day: two working days after the level-2 escalation would reach level 3.
    steps.push(resolve(after(random.between(2, 16) * HOUR)));
  }

  // The customer accepts, or stays silent and the case auto-confirms after 3 working days. Silence is
  // planned only where its outcome at the end is certain: long before (closed) or in the last days (open).
  const resolvedAt = at;
  const room = end.getTime() - resolvedAt;
  const silent = !c.escalation && random.chance(0.3) && (room > 14 * DAY || room < 3 * DAY);
  if (!silent) steps.push({ action: 'accept', ...after(random.between(0.5, 30) * HOUR) });

  c.steps = steps.filter((s) => s.expectedAt.getTime() < end.getTime());
  const accepted = c.steps.some((s) => s.action === 'accept');
  const resolvedInTime = c.steps.some((s) => s.action === 'resolve');
  c.openAtEnd = !(accepted || (silent && resolvedInTime && room > 14 * DAY));
}
