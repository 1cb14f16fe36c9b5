import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, killLocalStack, startLocalStack, stopLocalStack } from '../support/child-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

interface StaffCase {
  id: string;
  phase: string;
  caseNumber: string;
  responseDueAt: string;
  resolutionDueAt: string;
  escalationLevel: number;
  escalations: { level: number; window: string; publishedAt?: string }[];
  warnings: { window: string; publishedAt?: string }[];
  wait?: { kind: string; since: string; until: string };
  timeline: { type: string }[];
}

const HOUR = 3_600_000;
/** Nobody answers these: warned at 36 h, escalated to level 1 at 48 h, when the runtime is killed. */
const silentCount = 50;
/** Filed 40 h later; the first `answered` get a response, the first `resolved` of those a resolution too. */
const laterCount = 950;
const answered = 100;
const resolved = 30;

async function call<T = Record<string, unknown>>(api: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** At most `width` requests in flight: the runtime is one process, more would only queue. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * The runtime's advance answers once every timer it fired has been worked
 * through (the runtime settles between timers): a barrier, with no sleep.
 */
const advance = (api: string, body: { hours?: number; minutes?: number }) =>
  call<{ now: string }>(api, 'POST', '/__local/clock/advance', body);

const filing = (n: number) => ({
  customer: { id: `crash-${n}`, name: 'Crash Test', email: `crash${n}@example.com`, locale: 'en' },
  channel: 'web',
  category: 'logistics',
  subject: `Parcel ${n} arrived late`,
  description: 'The parcel arrived three days after the promised date.',
});

/** Every complaint item as stored: one Scan, which a test may do and the product never does. */
async function storedComplaints(endpoint: string): Promise<Map<string, StaffCase>> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const complaints = new Map<string, StaffCase>();
  try {
    for await (const page of paginateScan(
      { client: DynamoDBDocumentClient.from(client) },
      { TableName: 'closeloop-complaints', FilterExpression: 'entity = :complaint', ExpressionAttributeValues: { ':complaint': 'complaint' } },
    )) {
      for (const item of page.Items ?? []) complaints.set(String(item.id), item as StaffCase);
    }
  } finally {
    client.destroy();
  }
  return complaints;
}

describe('e2e: 1,000 complaints survive a SIGKILL in the middle of an escalation burst', () => {
  let dataDir: string;
  let first: Started | undefined;
  let second: Started | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-crash-'));
  });
  afterAll(async () => {
    await stopLocalStack(first);
    await stopLocalStack(second);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no complaint, moves no deadline, resumes every workflow and escalates each level once', { timeout: 240_000 }, async () => {
    // ---- Before the crash.
    first = await startLocalStack(['--data', dataDir]);
    const api = first.api;
    const file = async (n: number) => {
      const answer = await call<Filed>(api, 'POST', '/complaints', filing(n));
      expect(answer.status).toBe(201);
      return answer.body;
    };
    const silent = await inBatches([...Array(silentCount).keys()], 8, (n) => file(n));
    expect((await advance(api, { hours: 37 })).status).toBe(200);
    expect((await advance(api, { hours: 3 })).status).toBe(200);
    const later = await inBatches([...Array(laterCount).keys()], 8, (n) => file(silentCount + n));
    await inBatches(later.slice(0, answered), 8, async (c) => {
      expect((await call(api, 'POST', `/staff/complaints/${c.id}/responses`, { message: 'We are looking into it.' }, first!.agentToken)).status).toBe(201);
    });
    await inBatches(later.slice(0, resolved), 8, async (c) => {
      const body = { rootCause: 'Carrier delay', resolution: 'Refunded the shipping fee' };
      expect((await call(api, 'POST', `/staff/complaints/${c.id}/resolution`, body, first!.agentToken)).status).toBe(200);
    });
    expect((await advance(api, { minutes: 1 })).status).toBe(200);

    // The silent ones fall due for level 1 at 48 h: jump past it and kill the runtime while it escalates.
    const before = Date.parse((await call<{ now: string }>(api, 'GET', '/__local/clock')).body.now);
    const jump = { hours: 8, minutes: 10 };
    const jumpedTo = before + 8 * HOUR + 10 * 60_000;
    const burst = advance(api, jump).then(
      () => 'answered',
      () => 'cut off',
    );
    const levelOneLines = (output: string) => output.match(/\[SNS escalation\] level 1 Escalation L1: case \S+ \(response_overdue\)\n/g) ?? [];
    for (let polls = 0; levelOneLines(first.output()).length < 3; polls++) {
      expect(polls, 'no level 1 escalation printed within 30 s').toBeLessThan(600);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killLocalStack(first);
    expect(await burst, 'the jump was still at work when the runtime was killed').toBe('cut off');
    expect(levelOneLines(first.output()).length).toBeLessThan(silentCount);

    // ---- After the restart on the same data.
    second = await startLocalStack(['--data', dataDir]);
    const api2 = second.api;
    expect(second.output()).toContain(`${silentCount + laterCount} open complaint(s) resumed`);
    expect(Date.parse((await call<{ now: string }>(api2, 'GET', '/__local/clock')).body.now)).toBeGreaterThanOrEqual(jumpedTo);
    expect((await advance(api2, { minutes: 1 })).status).toBe(200);

    const all = [...silent, ...later];
    const stored = await storedComplaints(second.dynamodb);
    expect(stored.size).toBe(all.length);
    const cases = all.map((filed) => {
      const staffCase = stored.get(filed.id);
      expect(staffCase, filed.caseNumber).toMatchObject({
        caseNumber: filed.caseNumber,
        responseDueAt: filed.responseDueAt,
        resolutionDueAt: filed.resolutionDueAt,
      });
      // Parked again by an execution of the restarted runtime.
      expect(Date.parse(staffCase!.wait?.since ?? ''), filed.caseNumber).toBeGreaterThanOrEqual(jumpedTo);
      return staffCase!;
    });

    const read = (c: Filed) => call<StaffCase>(api2, 'GET', `/staff/complaints/${c.id}`, undefined, second!.supervisorToken);
    const silentCases = await inBatches(silent, 8, async (c) => (await read(c)).body);
    for (const staffCase of silentCases) {
      expect(staffCase, staffCase.caseNumber).toMatchObject({ phase: 'AWAITING_RESPONSE', escalationLevel: 1 });
      expect(staffCase.escalations.map((e) => `${e.level}/${e.window}/${e.publishedAt ? 'published' : 'not published'}`)).toEqual([
        '1/response/published',
      ]);
      expect(staffCase.warnings.map((w) => `${w.window}/${w.publishedAt ? 'published' : 'not published'}`)).toEqual(['response/published']);
      expect(staffCase.timeline.filter((e) => e.type === 'escalated')).toHaveLength(1);
      expect(staffCase.timeline.filter((e) => e.type === 'warned')).toHaveLength(1);
    }
    const laterCases = cases.slice(silentCount);
    expect(laterCases.map((c) => c.phase)).toEqual([
      ...Array<string>(resolved).fill('AWAITING_CONFIRMATION'),
      ...Array<string>(answered - resolved).fill('AWAITING_RESOLUTION'),
      ...Array<string>(laterCount - answered).fill('AWAITING_RESPONSE'),
    ]);
    expect(laterCases.flatMap((c) => [...c.escalations, ...c.warnings])).toEqual([]);

    // ---- The resumed workflows go on: a day later each silent one's level 1 is repeated, once.
    expect((await advance(api2, { hours: 24, minutes: 10 })).status).toBe(200);
    const reminders = () => second!.output().match(/\[SNS escalation\] level 1 Escalation L1: case (\S+) \(response_overdue\) reminder 2\n/g) ?? [];
    for (let polls = 0; reminders().length < silentCount; polls++) {
      expect(polls, `${reminders().length} of ${silentCount} reminders printed within 30 s`).toBeLessThan(600);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const remindedCases = reminders().map((line) => /case (\S+)/.exec(line)![1]);
    expect(new Set(remindedCases)).toEqual(new Set(silent.map((c) => c.caseNumber)));
    expect(remindedCases).toHaveLength(silentCount);

    const afterDay = await inBatches(silent, 8, async (c) => (await read(c)).body);
    for (const staffCase of afterDay) {
      expect(staffCase.escalations.map((e) => `${e.level}/${e.window}/${e.publishedAt ? 'published' : 'not published'}`)).toEqual([
        '1/response/published',
        '1/response#r1/published',
      ]);
      expect(staffCase.timeline.filter((e) => e.type === 'escalated')).toHaveLength(2);
    }
    expect(second.output()).not.toMatch(/level 2|\(high_risk\)|\(major_complaint\)/);
  });
});
