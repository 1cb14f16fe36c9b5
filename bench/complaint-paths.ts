/**
 * The paths a complaint takes in the usage bench, as scripts of what people
 * do and when (hours after filing, on the manual clock). The workflow does
 * the rest on its own clock: warnings, escalations, confirmation windows.
 * Filing (hour 0) and survey answers are driven by bench/complaint-usage.ts.
 *
 * Filed Mon 2025-11-24 10:00 Shanghai (no holiday for three weeks): the
 * response is due 48 h later, the resolution at the end of Wed 2025-12-03
 * (7 working days), 230 h after filing.
 */
import type { ApiClient } from './support/api-client.ts';

export interface FiledCase {
  index: number;
  id: string;
  accessToken: string;
  locale: 'zh-CN' | 'en';
}

export interface Actors {
  api: ApiClient;
  agentToken: string;
  supervisorToken: string;
}

export interface PathStep {
  atHours: number;
  act: (filed: FiledCase, actors: Actors) => Promise<void>;
}

export interface ComplaintPath {
  name: string;
  /** Percent of complaints that take it. */
  share: number;
  summary: string;
  /** What the stored complaint must show at the end for the run to count. */
  expected: { escalationLevel: number; reopenCount: number };
  steps: PathStep[];
}

const say = (filed: FiledCase, zh: string, en: string) => (filed.locale === 'zh-CN' ? zh : en);

const customerViews: PathStep['act'] = async (filed, { api }) => {
  await api.expect([200], 'GET', `/complaints/${filed.id}`, { token: filed.accessToken, complaintId: filed.id });
};

const claims: PathStep['act'] = async (filed, { api, agentToken }) => {
  await api.expect([200], 'POST', `/staff/complaints/${filed.id}/claim`, { token: agentToken, complaintId: filed.id });
};

const responds: PathStep['act'] = async (filed, { api, agentToken }) => {
  await api.expect([201], 'POST', `/staff/complaints/${filed.id}/responses`, {
    token: agentToken,
    complaintId: filed.id,
    body: { message: say(filed, '您好，我们已联系承运商核实，今天内给您答复。', 'We have contacted the carrier and will get back to you today.') },
  });
};

const resolves =
  (attempt: 1 | 2): PathStep['act'] =>
  async (filed, { api, agentToken }) => {
    await api.expect([200], 'POST', `/staff/complaints/${filed.id}/resolution`, {
      token: agentToken,
      complaintId: filed.id,
      body:
        attempt === 1
          ? { rootCause: say(filed, '承运商分拣延误', 'Carrier sorting delay'), resolution: say(filed, '已补发并退还运费', 'Resent and refunded the shipping fee') }
          : {
              rootCause: say(filed, '补发件仍错发', 'The replacement was wrong too'),
              resolution: say(filed, '已换货并上门取回', 'Exchanged, and the wrong item collected'),
              compensation: say(filed, '20 元优惠券', '20 CNY voucher'),
            },
    });
  };

const confirms =
  (decision: 'accept' | 'reject'): PathStep['act'] =>
  async (filed, actors) => {
    await customerViews(filed, actors);
    await actors.api.expect([200], 'POST', `/complaints/${filed.id}/confirmation`, {
      token: filed.accessToken,
      complaintId: filed.id,
      body: decision === 'accept' ? { decision } : { decision, reason: say(filed, '补发的型号还是不对', 'The replacement is the wrong model again') },
    });
  };

const acknowledges =
  (level: number): PathStep['act'] =>
  async (filed, { api, supervisorToken }) => {
    await api.expect([200], 'POST', `/staff/complaints/${filed.id}/escalations/ack`, {
      token: supervisorToken,
      complaintId: filed.id,
      body: { level },
    });
  };

const asksForInformation: PathStep['act'] = async (filed, { api, agentToken }) => {
  await api.expect([201], 'POST', `/staff/complaints/${filed.id}/info-requests`, {
    token: agentToken,
    complaintId: filed.id,
    body: { question: say(filed, '请提供订单截图和物流单号。', 'Please send a screenshot of the order and the tracking number.') },
  });
};

const customerReplies: PathStep['act'] = async (filed, actors) => {
  await customerViews(filed, actors);
  await actors.api.expect([201], 'POST', `/complaints/${filed.id}/replies`, {
    token: filed.accessToken,
    complaintId: filed.id,
    body: { message: say(filed, '截图已上传，物流单号 SF1234567890。', 'Screenshot attached; tracking number SF1234567890.') },
  });
};

const inOrder =
  (...acts: PathStep['act'][]): PathStep['act'] =>
  async (filed, actors) => {
    for (const act of acts) await act(filed, actors);
  };

export const complaintPaths: ComplaintPath[] = [
  {
    name: 'answered-in-time',
    share: 70,
    summary: 'claimed 1 h, answered 2 h, resolved next day, customer confirms',
    expected: { escalationLevel: 0, reopenCount: 0 },
    steps: [
      { atHours: 0.25, act: customerViews },
      { atHours: 1, act: claims },
      { atHours: 2, act: responds },
      { atHours: 26, act: resolves(1) },
      { atHours: 28, act: confirms('accept') },
    ],
  },
  {
    name: 'escalated-L1',
    share: 8,
    summary: 'nobody answers: 75 % warning, level 1 at 48 h; acknowledged, answered 51 h, resolved, confirmed',
    expected: { escalationLevel: 1, reopenCount: 0 },
    steps: [
      { atHours: 0.25, act: customerViews },
      { atHours: 50, act: acknowledges(1) },
      { atHours: 51, act: inOrder(claims, responds) },
      { atHours: 72, act: resolves(1) },
      { atHours: 74, act: confirms('accept') },
    ],
  },
  {
    name: 'escalated-L2',
    share: 7,
    summary: 'answered in time, resolution missed: warning, level 2 after 7 working days; acknowledged, resolved, confirmed',
    expected: { escalationLevel: 2, reopenCount: 0 },
    steps: [
      { atHours: 0.25, act: customerViews },
      { atHours: 1, act: claims },
      { atHours: 2, act: responds },
      { atHours: 240, act: acknowledges(2) },
      { atHours: 241, act: resolves(1) },
      { atHours: 243, act: confirms('accept') },
    ],
  },
  {
    name: 'reopened',
    share: 10,
    summary: 'resolved next day, customer rejects (reopen, level 2), acknowledged, resolved again, confirmed',
    expected: { escalationLevel: 2, reopenCount: 1 },
    steps: [
      { atHours: 0.25, act: customerViews },
      { atHours: 1, act: claims },
      { atHours: 2, act: responds },
      { atHours: 26, act: resolves(1) },
      { atHours: 28, act: confirms('reject') },
      { atHours: 29, act: acknowledges(2) },
      { atHours: 50, act: resolves(2) },
      { atHours: 52, act: confirms('accept') },
    ],
  },
  {
    name: 'info-requested',
    share: 5,
    summary: 'answered, agent asks for information (clock paused a day), customer replies, resolved, confirmed',
    expected: { escalationLevel: 0, reopenCount: 0 },
    steps: [
      { atHours: 0.25, act: customerViews },
      { atHours: 1, act: claims },
      { atHours: 2, act: responds },
      { atHours: 3, act: asksForInformation },
      { atHours: 27, act: customerReplies },
      { atHours: 50, act: resolves(1) },
      { atHours: 52, act: confirms('accept') },
    ],
  },
];

/** How many of `total` complaints take each path (largest remainders, so they add up). */
export function pathCounts(total: number): Map<ComplaintPath, number> {
  const exact = complaintPaths.map((path) => ({ path, exact: (total * path.share) / 100 }));
  const counts = new Map(exact.map(({ path, exact: e }) => [path, Math.floor(e)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const { path } of [...exact].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    counts.set(path, counts.get(path)! + 1);
  }
  return counts;
}
