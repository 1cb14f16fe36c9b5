import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

interface QueueItem {
  id: string;
  caseNumber: string;
  nextDueAt: string;
  owner: string | null;
  category: string;
  repeatOf: string | null;
  priority: { score: number; parts: Record<string, number> };
}

interface Event {
  type: string;
  at: string;
  actor?: { kind: string; id?: string };
  details: Record<string, unknown>;
}

describe('Triage, queues and the case library on the local engines', () => {
  let stack: LocalStack;
  const filed: Record<string, Filed> = {};

  beforeAll(async () => {
    // Mon 2025-11-03 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-03T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  const file = async (name: string, overrides: Parameters<typeof aFilingBody>[0]) => {
    const answer = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody(overrides) });
    expect(answer.status).toBe(201);
    filed[name] = answer.body;
    return answer.body;
  };

  it('classifies an uncategorised complaint from its text and keeps the evidence', async () => {
    const { category: _none, ...body } = aFilingBody();
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: {
        ...body,
        customer: { ...body.customer, id: 'c-t1' },
        subject: '快递丢件',
        description: '快递显示已签收但我没收到包裹，物流一直不更新，配送员电话打不通。',
      },
    });
    filed.lostParcel = answer.body;
    const staffCase = await stack.staffCase(answer.body.id);
    expect(staffCase).toMatchObject({ category: 'logistics', categorySource: 'classified' });
    const triage = staffCase.triage as { category: { evidence: string[] }; sentiment: { score: number } };
    expect(triage.category.evidence.length).toBeGreaterThan(0);
    expect(triage.sentiment.score).toBeLessThan(0);
    expect(staffCase.timeline.find((e) => e.type === 'triaged')?.details).toMatchObject({ category: 'logistics' });
  });

  it('a threat to go to 12315 and the media raises severity and alerts a supervisor at once (level=risk)', async () => {
    const risky = await file('risky', {
      customer: { id: 'c-t2', name: 'Jin', email: 'jin@example.com', locale: 'zh-CN' },
      category: 'billing_dispute',
      subject: '重复扣款三次',
      description: '同一订单被重复扣款三次，客服不处理，太气人了！再不退款我就打12315投诉，还要找媒体曝光。',
    });
    const staffCase = await stack.staffCase(risky.id);
    expect(staffCase.severity).not.toBe('L1');
    const alerts = (await stack.escalations(risky.caseNumber)).filter((m) => m.attributes.reason === 'high_risk');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.attributes).toMatchObject({ kind: 'escalation', level: 'risk', category: 'billing_dispute' });
  });

  it('links a repeat complaint (same customer, same category, within 30 days) and raises its priority', async () => {
    const first = await file('first', {
      customer: { id: 'c-rep', name: 'Liu', email: 'liu@example.com', locale: 'zh-CN' },
      category: 'product_quality',
      subject: '耳机左耳没声音',
      description: '刚买一周的蓝牙耳机左耳没有声音。',
    });
    await stack.advanceBy(24 * 3);
    const again = await file('again', {
      customer: { id: 'c-rep', name: 'Liu', email: 'liu@example.com', locale: 'zh-CN' },
      category: 'product_quality',
      subject: '耳机又坏了',
      description: '换货后的耳机还是左耳没有声音，质量太差。',
    });
    await stack.advanceBy(0.1);
    const other = await file('otherCategory', {
      customer: { id: 'c-rep', name: 'Liu', email: 'liu@example.com', locale: 'zh-CN' },
      category: 'logistics',
      subject: '换货快递太慢',
      description: '换货的快递走了五天。',
    });
    const againCase = await stack.staffCase(again.id);
    expect(againCase.repeatOf).toMatchObject({ id: first.id, caseNumber: first.caseNumber });
    expect((await stack.staffCase(other.id)).repeatOf).toBeUndefined();
    expect(againCase.timeline.find((e) => e.type === 'received')?.details).toMatchObject({ repeatOf: first.caseNumber });
  });

  it("serves each agent's own queue and the unassigned pool, nearest deadline first, in pages", async () => {
    const alice = await issueStaffToken('agent', 'alice');
    for (const name of ['first', 'again', 'otherCategory']) {
      expect((await stack.request('POST', `/staff/complaints/${filed[name]!.id}/claim`, { token: alice })).status).toBe(200);
    }
    const mine = await stack.request<{ items: QueueItem[]; cursor?: string }>('GET', '/staff/queue?limit=2', { token: alice });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.cursor).toBeDefined();
    const rest = await stack.request<{ items: QueueItem[]; cursor?: string }>(
      'GET',
      `/staff/queue?limit=2&cursor=${encodeURIComponent(mine.body.cursor!)}`,
      { token: alice },
    );
    const all = [...mine.body.items, ...rest.body.items];
    expect(all.map((i) => i.caseNumber)).toEqual([filed.first!.caseNumber, filed.again!.caseNumber, filed.otherCategory!.caseNumber]);
    expect(all.map((i) => i.nextDueAt)).toEqual([...all.map((i) => i.nextDueAt)].sort());
    expect(all.every((i) => i.owner === 'alice')).toBe(true);
    const againItem = all.find((i) => i.id === filed.again!.id)!;
    expect(againItem.repeatOf).toBe(filed.first!.caseNumber);
    expect(againItem.priority.parts.repeat).toBeGreaterThan(0);

    const pool = await stack.request<{ items: QueueItem[] }>('GET', '/staff/queue?scope=unassigned', { token: alice });
    expect(pool.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([filed.lostParcel!.id, filed.risky!.id]));
    expect(pool.body.items.every((i) => i.owner === null)).toBe(true);

    expect((await stack.request('GET', '/staff/queue?scope=all', { token: alice })).status).toBe(403);
    const everything = await stack.request<{ items: QueueItem[] }>('GET', '/staff/queue?category=product_quality', {
      token: stack.supervisorToken,
    });
    expect(everything.body.items.map((i) => i.id).sort()).toEqual([filed.first!.id, filed.again!.id].sort());
    const bad = await stack.request('GET', '/staff/queue?cursor=not-a-cursor', { token: alice });
    expect(bad.status).toBe(400);
    const badFilter = await stack.request<{ errors: { field: string }[] }>('GET', '/staff/queue?phase=OPEN', { token: alice });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0]!.field).toBe('phase');
  });

  it('keeps in each queue and customer index only what its readers use: no description, notices or contact details', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: stack.runtime.endpoints.dynamodb,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const entries = async (indexName: string, partitionKey: string, partition: string) =>
      (
        await dynamodb.send(
          new QueryCommand({
            TableName: 'closeloop-complaints',
            IndexName: indexName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':pk': { S: partition } },
          }),
        )
      ).Items ?? [];
    const open = await entries('openByDeadline', 'openPk', 'OPEN');
    expect(open.length).toBeGreaterThanOrEqual(5);
    for (const entry of open) {
      expect(Object.keys(entry).sort()).toEqual(
        expect.arrayContaining(['id', 'caseNumber', 'phase', 'category', 'severity', 'subject', 'responseDueAt', 'resolutionDueAt']),
      );
      for (const absent of ['description', 'customer', 'notices', 'outbox', 'policy', 'wait', 'reportFacts'])
        expect(entry).not.toHaveProperty(absent);
    }
    // Repeat detection reads these five of the customer's complaints, and the index keeps nothing else.
    const customer = await entries('gsi1', 'gsi1pk', 'CUSTOMER#c-rep');
    expect(customer.map((entry) => entry.caseNumber?.S)).toEqual(
      expect.arrayContaining([filed.first!.caseNumber, filed.again!.caseNumber]),
    );
    for (const entry of customer) {
      expect(Object.keys(entry).sort()).toEqual(['caseNumber', 'category', 'entity', 'gsi1pk', 'gsi1sk', 'id', 'pk', 'receivedAt', 'sk']);
    }
  });

  it('closes cases into the library and finds them in Chinese and in English, with why they matched', async () => {
    const alice = await issueStaffToken('agent', 'alice');
    const english = await file('english', {
      customer: { id: 'c-en', name: 'Tom', email: 'tom@example.com', locale: 'en' },
      category: 'product_quality',
      subject: 'Headphones left ear silent',
      description: 'The left earbud of my wireless headphones stopped working after a week.',
    });
    const close = async (f: Filed, rootCause: string, resolution: string) => {
      await stack.request('POST', `/staff/complaints/${f.id}/resolution`, { token: alice, body: { rootCause, resolution } });
      await stack.request('POST', `/complaints/${f.id}/confirmation`, { token: f.accessToken, body: { decision: 'accept' } });
    };
    await close(filed.first!, '左耳单元焊点虚焊', '换新耳机并补偿 30 元');
    await close(english, 'Cold solder joint in the left driver', 'Replaced the headphones');

    const zh = await stack.request<{ results: { caseNumber: string; matched: string[]; outcome: string }[] }>(
      'GET',
      `/staff/cases?category=product_quality&q=${encodeURIComponent('耳机没有声音')}`,
      { token: alice },
    );
    expect(zh.status).toBe(200);
    expect(zh.body.results[0]).toMatchObject({ caseNumber: filed.first!.caseNumber, outcome: 'confirmed' });
    expect(zh.body.results[0]!.matched.length).toBeGreaterThan(0);

    const en = await stack.request<{ results: { caseNumber: string; matched: string[] }[] }>(
      'GET',
      `/staff/cases?q=${encodeURIComponent('left earbud not working')}`,
      { token: alice },
    );
    expect(en.body.results[0]!.caseNumber).toBe(english.caseNumber);

    const similar = (await stack.staffCase(filed.again!.id)).similarCases as { caseNumber: string; why: { sharedWords: string[] } }[];
    expect(similar[0]!.caseNumber).toBe(filed.first!.caseNumber);
    expect(similar[0]!.why.sharedWords.length).toBeGreaterThan(0);
    const badDate = await stack.request('GET', '/staff/cases?from=yesterday', { token: alice });
    expect(badDate.status).toBe(400);
  });

  it('pages the audit trail for staff and shows the customer only the customer-visible events', async () => {
    const id = filed.first!.id;
    // The case is alice's: a supervisor reads any audit trail (the access matrix covers agents).
    const firstPage = await stack.request<{ events: Event[]; cursor?: string }>('GET', `/staff/complaints/${id}/timeline?limit=3`, {
      token: stack.supervisorToken,
    });
    expect(firstPage.body.events).toHaveLength(3);
    expect(firstPage.body.events[0]).toMatchObject({ type: 'received', actor: { kind: 'customer' } });
    const everything: Event[] = [...firstPage.body.events];
    let cursor = firstPage.body.cursor;
    while (cursor) {
      const page = await stack.request<{ events: Event[]; cursor?: string }>(
        'GET',
        `/staff/complaints/${id}/timeline?limit=3&cursor=${encodeURIComponent(cursor)}`,
        { token: stack.supervisorToken },
      );
      everything.push(...page.body.events);
      cursor = page.body.cursor;
    }
    const staffTypes = everything.map((e) => e.type);
    expect(staffTypes).toEqual(expect.arrayContaining(['received', 'triaged', 'claimed', 'resolved', 'confirmed', 'closed']));
    expect(everything.every((e) => e.actor && e.at)).toBe(true);

    const customer = await stack.request<{ events: Event[] }>('GET', `/complaints/${id}/timeline?limit=200`, {
      token: filed.first!.accessToken,
    });
    const customerTypes = customer.body.events.map((e) => e.type);
    expect(customerTypes).toContain('resolved');
    expect(customerTypes).not.toContain('triaged');
    expect(customerTypes).not.toContain('escalated');
    expect(customerTypes).not.toContain('waiting');
    expect(JSON.stringify(customer.body)).not.toContain('alice');
    expect((await stack.request('GET', `/complaints/${id}/timeline`, { token: filed.again!.accessToken })).status).toBe(404);
  });
});
