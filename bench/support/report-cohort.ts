/**
 * Complaints for the report bench (bench/report-reads.ts): each one filed by
 * the product's own filing rule and moved through its life by the product's
 * own lifecycle rules (claim, answer, information request and reply,
 * resolution, rejection and reopening, escalation, closing, survey), at
 * instants drawn from a seeded random generator and never after `now`. So a
 * month of them has what a real desk's month has: varied categories,
 * channels, severities, tiers, teams and agents; deadlines met, breached and
 * pending; escalations, reopenings, pauses, unanswered and answered surveys.
 * The table items are then `complaintItem`'s, as the store writes them.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import { type Category, type Channel, type Complaint, type ComplaintInput, categories } from '#domain/complaint.ts';
import { surveyDueAt } from '#domain/deadlines.ts';
import { fileComplaint, formatCaseNumber } from '#domain/filing.ts';
import { confirmResolution, close, recordResolution, recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { escalate } from '#domain/lifecycle/escalation.ts';
import { customerReply, requestInformation } from '#domain/lifecycle/information-request.ts';
import { markNoticeSent } from '#domain/lifecycle/notices.ts';
import { claim } from '#domain/lifecycle/ownership.ts';
import { markSurveySent, recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import type { Transition } from '#domain/lifecycle/transition.ts';
import { markAcknowledged, triage } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { defaultSlaPolicy, type Severity, slaTargetsOf } from '#domain/sla-policy.ts';
import { triageComplaint } from '#domain/triage/index.ts';
import { triageSummary } from '#domain/triage-summary.ts';

/** mulberry32: small, fast and the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const texts: { subject: string; description: string; category: Category }[] = [
  {
    subject: '手表晚到三天',
    description: '订单的手表比承诺晚到三天，包装也破损了，客服一直说在查，请尽快给个说法。',
    category: 'logistics',
  },
  {
    subject: '快递显示签收但没收到',
    description: '物流信息显示已经签收，但我家里没有人收到，快递员电话也打不通，希望尽快处理并补发。',
    category: 'logistics',
  },
  {
    subject: '耳机一周就坏了',
    description: '新买的蓝牙耳机用了一周左边就没有声音，质量太差了，要求退货退款。',
    category: 'product_quality',
  },
  {
    subject: '洗衣机漏水',
    description: '安装后第一次使用就漏水，地板都泡了，师傅上门看了说是零件问题，要求换新机并赔偿地板。',
    category: 'product_quality',
  },
  {
    subject: '客服态度恶劣',
    description: '打电话咨询时客服很不耐烦，还挂我电话，服务态度非常差，要求道歉。',
    category: 'service_attitude',
  },
  { subject: '重复扣款', description: '同一笔订单被扣了两次钱，银行流水可以证明，请退还多扣的款项。', category: 'billing_dispute' },
  { subject: '账单金额不对', description: '本月账单比套餐多出八十元，没有任何说明，要求核实并退还。', category: 'billing_dispute' },
  { subject: '退货流程太复杂', description: '申请退货要填很多表格，审核了十天还没有结果，流程太慢了。', category: 'service_process' },
  {
    subject: 'Refund still not received',
    description: 'I returned the item three weeks ago and the refund has still not arrived. Please look into it.',
    category: 'billing_dispute',
  },
  {
    subject: 'Parcel arrived damaged',
    description: 'The box was crushed and the screen of the monitor is cracked. I would like a replacement.',
    category: 'logistics',
  },
  { subject: '会员积分消失了', description: '账户里的两千积分突然没有了，也没有兑换记录，请帮忙查一下。', category: 'other' },
  {
    subject: '维修后问题依旧',
    description: '电脑送修两次，同样的问题还在，我要投诉到消费者协会，请给一个明确的解决方案。',
    category: 'service_process',
  },
];

const pick = <T>(random: () => number, weighted: readonly (readonly [T, number])[]): T => {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
};

const channelWeights: (readonly [Channel, number])[] = [
  ['web', 30],
  ['app', 30],
  ['phone', 20],
  ['email', 12],
  ['social', 8],
];
const severityWeights: (readonly [Severity, number])[] = [
  ['L1', 75],
  ['L2', 20],
  ['L3', 5],
];
const teams = ['north', 'south', 'east', 'west', 'vip-care', 'billing'];
/** 48 agents, six to a team but the last eight in none. */
const agents = Array.from({ length: 48 }, (_, i) => ({
  id: `agent-${String(i + 1).padStart(2, '0')}`,
  ...(i < 40 ? { team: teams[i % 6]! } : {}),
}));

const hour = 3_600_000;
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface CohortMaker {
  /** A complaint received at `receivedAt`, as it stands at `now`. */
  complaint(receivedAt: Date, now: Date): Complaint;
}

export function cohortMaker(calendar: BusinessCalendar, seed: number): CohortMaker {
  const random = seededRandom(seed);
  const summaries = texts.map((t) => ({
    ...t,
    triage: triageSummary(triageComplaint({ subject: t.subject, description: t.description })),
  }));
  const sequences = new Map<string, number>();
  const id = (at: Date) => {
    // A ULID's shape: 10 characters of time, 16 of randomness.
    let time = at.getTime();
    let head = '';
    for (let i = 0; i < 10; i++, time = Math.floor(time / 32)) head = crockford[time % 32] + head;
    let tail = '';
    for (let i = 0; i < 16; i++) tail += crockford[Math.floor(random() * 32)];
    return head + tail;
  };
  const later = (from: string | Date, minHours: number, maxHours: number) =>
    new Date(new Date(from).getTime() + (minHours + random() * (maxHours - minHours)) * hour);

  return {
    complaint(receivedAt, now) {
      const text = summaries[Math.floor(random() * summaries.length)]!;
      const category = random() < 0.8 ? text.category : categories[Math.floor(random() * categories.length)]!;
      const severity = pick(random, severityWeights);
      const tier = random() < 0.12 ? 'vip' : 'standard';
      const localDate = calendar.localDateOf(receivedAt);
      const sequence = (sequences.get(localDate) ?? 0) + 1;
      sequences.set(localDate, sequence);
      const customerNumber = Math.floor(random() * 200_000);
      const input: ComplaintInput = {
        customer: {
          id: `c-${customerNumber}`,
          name: `客户 ${customerNumber}`,
          email: `c${customerNumber}@example.com`,
          locale: random() < 0.85 ? 'zh-CN' : 'en',
        },
        channel: pick(random, channelWeights),
        ...(random() < 0.6 ? { category } : {}),
        subject: text.subject,
        description: text.description,
        ...(random() < 0.7 ? { orderRef: `SO-${Math.floor(random() * 1_000_000)}` } : {}),
      };
      const triaged = {
        ...text.triage,
        category: { ...text.triage.category, value: category },
        severity: { value: severity, reasons: severity === 'L1' ? [] : [{ rule: 'bench', evidence: ['投诉'] }] },
      };
      let c = fileComplaint(input, {
        policy: defaultSlaPolicy,
        triage: triaged,
        ...(random() < 0.06
          ? {
              repeatOf: {
                id: id(receivedAt),
                caseNumber: formatCaseNumber(localDate, 9000 + sequence),
                receivedAt: new Date(receivedAt.getTime() - 5 * 24 * hour).toISOString(),
              },
            }
          : {}),
        id: id(receivedAt),
        caseNumber: formatCaseNumber(localDate, sequence),
        accessTokenHash: Math.floor(random() * 2 ** 52)
          .toString(16)
          .padStart(64, '0'),
        tier,
        receivedAt,
        calendar,
      }).complaint;
      /** Applies a step done at `at`, unless `at` is still to come. */
      const step = (at: Date, apply: (c: Complaint, at: Date) => Transition) => {
        if (at.getTime() > now.getTime()) return false;
        c = apply(c, at).complaint;
        return true;
      };
      const sent = (noticeId: string) => (x: Complaint, at: Date) => markNoticeSent(x, noticeId, at, `msg-${noticeId}`);

      step(new Date(receivedAt.getTime() + 2_000), (x, at) => triage(x, at));
      step(new Date(receivedAt.getTime() + 5_000), (x, at) => markAcknowledged(x, at, 'msg-ack'));
      const targets = slaTargetsOf(c.policy);
      const agent = agents[Math.floor(random() * agents.length)]!;
      const responseBreached = random() < 0.08;
      const claimedAt = later(receivedAt, 0.2, responseBreached ? targets.firstResponseHours * 0.5 : 4);
      if (!step(claimedAt, (x, at) => claim(x, agent, at))) return c;
      if (responseBreached && new Date(c.responseDueAt).getTime() <= now.getTime()) {
        step(new Date(c.responseDueAt), (x, at) => escalate(x, { level: 1, reason: 'response_overdue', window: 'response' }, at));
      }
      const respondedAt = responseBreached
        ? later(c.responseDueAt, 1, 30)
        : later(claimedAt, 0.1, Math.max(0.2, (new Date(c.responseDueAt).getTime() - claimedAt.getTime()) / hour - 0.1));
      if (!step(respondedAt, (x, at) => recordResponse(x, agent, '您好，我们已经收到您的投诉，正在核实，会尽快回复您。', at))) return c;
      step(later(respondedAt, 0, 0.01), sent(c.notices!.at(-1)!.id));

      let resolveFrom = respondedAt;
      if (random() < 0.05) {
        const askedAt = later(respondedAt, 1, 24);
        const asked = step(askedAt, (x, at) =>
          requestInformation(
            x,
            agent,
            { requestId: `R${x.version}`, question: '请提供订单截图', expiresAt: new Date(at.getTime() + 7 * 24 * hour) },
            at,
          ),
        );
        if (!asked) return c;
        const repliedAt = later(askedAt, 4, 72);
        if (!step(repliedAt, (x, at) => customerReply(x, '截图已上传，请查收。', at, calendar))) return c;
        resolveFrom = repliedAt;
      }
      const resolutionBreached = random() < 0.1;
      const dueMs = new Date(c.resolutionDueAt).getTime();
      const resolvedAt = resolutionBreached
        ? later(c.resolutionDueAt, 2, 96)
        : later(resolveFrom, 1, Math.max(1.5, (dueMs - resolveFrom.getTime()) / hour - 1));
      if (resolutionBreached && dueMs <= now.getTime()) {
        step(new Date(dueMs + 1), (x, at) => escalate(x, { level: 1, reason: 'resolution_overdue', window: 'resolution' }, at));
        if (random() < 0.3)
          step(new Date(dueMs + 24 * hour), (x, at) => escalate(x, { level: 2, reason: 'resolution_overdue', window: 'resolution' }, at));
      }
      const resolution = {
        rootCause: '承运商延误，已核实',
        resolution: '补发商品并补偿 50 元',
        ...(random() < 0.4 ? { compensation: '50 元代金券' } : {}),
      };
      if (!step(resolvedAt, (x, at) => recordResolution(x, agent, resolution, at, calendar))) return c;
      step(later(resolvedAt, 0, 0.01), sent(c.notices!.at(-1)!.id));

      let decidedAt = later(resolvedAt, 2, 60);
      if (random() < 0.04) {
        if (!step(decidedAt, (x, at) => confirmResolution(x, { decision: 'reject', reason: '补偿太少' }, at))) return c;
        step(later(decidedAt, 0, 0.1), (x, at) =>
          escalate(x, { level: 2, reason: 'resolution_rejected', window: `reopen-${x.reopenCount}` }, at),
        );
        const again = later(decidedAt, 4, 72);
        if (!step(again, (x, at) => recordResolution(x, agent, { ...resolution, resolution: '全额退款' }, at, calendar))) return c;
        step(later(again, 0, 0.01), sent(c.notices!.at(-1)!.id));
        decidedAt = later(again, 2, 60);
      }
      const autoConfirmed = random() < 0.3;
      const closedAt = autoConfirmed ? new Date(c.confirmationDueAt!) : decidedAt;
      if (!autoConfirmed && !step(decidedAt, (x, at) => confirmResolution(x, { decision: 'accept' }, at))) return c;
      if (!step(closedAt, (x, at) => close(x, autoConfirmed ? 'auto_confirmed' : 'confirmed', at, surveyDueAt(at, targets)))) return c;
      const surveyAt = new Date(new Date(c.surveyDueAt!).getTime() + random() * hour);
      if (!step(surveyAt, (x, at) => markSurveySent(x, at))) return c;
      if (random() < 0.35) {
        const csat = 1 + Math.floor(random() * 5);
        const nps = Math.min(10, Math.max(0, csat * 2 + Math.floor(random() * 3) - 1));
        step(later(surveyAt, 1, 96), (x, at) =>
          recordSurveyAnswer(x, { csat, nps, ...(random() < 0.2 ? { comment: '处理得还可以' } : {}) }, at),
        );
      }
      return c;
    },
  };
}
