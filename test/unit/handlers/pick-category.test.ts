import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClock } from '#adapters/clock.ts';
import { complaintItem } from '#adapters/stores/complaint-item.ts';
import { keys } from '#declarations/table-schema.ts';
import { fixedClock } from '#domain/clock.ts';
import type { Complaint } from '#domain/complaint.ts';
import { defaultSlaPolicy, policyFor } from '#domain/sla-policy.ts';
import { handler } from '#handlers/api/pick-category.ts';
import { aLambdaContext, anApiEvent } from '../../support/api-events.ts';
import { aComplaint } from '../../support/builders.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const id = '01JDTEST000000000000000000';
const ann = { username: 'ann', groups: ['agents'] };
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'version changed', $metadata: {} });

const uncertain: Complaint = aComplaint({
  category: 'uncertain',
  categorySource: 'classified',
  policy: policyFor(defaultSlaPolicy, { severity: 'L1', tier: 'standard', category: 'uncertain' }),
  triage: {
    category: { value: 'uncertain', source: 'classified', evidence: [] },
    severity: { value: 'L1', reasons: [] },
    sentiment: { score: 0, label: 'neutral', evidence: [] },
    risk: { high: false, reasons: [] },
  },
});

const pick = (body: unknown, language = 'en', staff = ann) =>
  anApiEvent({
    method: 'POST',
    path: `/staff/complaints/${id}/category`,
    pathParameters: { id },
    staff,
    body,
    headers: { 'accept-language': language },
  });

async function answer(event: APIGatewayProxyEvent) {
  const result = await handler(event, aLambdaContext);
  return {
    status: result.statusCode,
    contentType: String(result.headers?.['content-type']),
    body: JSON.parse(result.body) as Record<string, unknown>,
  };
}

const complaintPuts = () =>
  dynamo.commandCalls(PutCommand).filter((call) => call.args[0].input.ConditionExpression === 'version = :expected');

/**
 * Read uncertain (the use case's read, then the first read of the write), and
 * the write refused: tom picked logistics at 10:30 meanwhile, as every later read finds.
 */
function tomPicksLogisticsMeanwhile() {
  const tomsPick = complaintItem({
    ...uncertain,
    version: 4,
    category: 'logistics',
    categorySource: 'agent',
    categorised: { by: 'tom', at: '2025-11-24T02:30:00.000Z' },
  });
  dynamo
    .on(GetCommand, { Key: keys.complaint(id) })
    .resolvesOnce({ Item: complaintItem(uncertain) })
    .resolvesOnce({ Item: complaintItem(uncertain) })
    .resolves({ Item: tomsPick });
  dynamo.on(PutCommand, { ConditionExpression: 'version = :expected' }).rejectsOnce(conditionFailed());
}

describe('Handler: POST /staff/complaints/{id}/category', () => {
  beforeEach(() => {
    useClock(fixedClock('2025-11-24T06:00:00Z'));
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(PutCommand).resolves({});
  });
  afterEach(() => dynamo.reset());

  it.each([
    ['uncertain, which only triage decides', { category: 'uncertain' }, 'en', 'category'],
    ['a category that does not exist', { category: 'shoes' }, 'zh-CN', 'category'],
    ['no category', { reason: '客户来电补充' }, 'en', 'category'],
    ['an empty reason', { category: 'logistics', reason: '   ' }, 'zh-CN', 'reason'],
    ['an unknown field', { category: 'logistics', severity: 'L3' }, 'en', ''],
  ])("answers 400 for %s, in the caller's language, before anything is read", async (_, body, language, field) => {
    const refused = await answer(pick(body, language));

    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(language === 'zh-CN' ? /\p{Script=Han}/u : /^[^\p{Script=Han}]*$/u);
    expect(JSON.stringify(refused.body.errors)).toContain(field);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 429 with Retry-After, not 500, when every one of its 12 writes lost a race to another writer (was a 500 with 36 writers on one case)', async () => {
    // Every read finds the version the write is conditioned on, and each write is refused: someone else always got there first.
    dynamo.on(GetCommand, { Key: keys.complaint(id) }).resolves({ Item: complaintItem(uncertain) });
    dynamo.on(PutCommand, { ConditionExpression: 'version = :expected' }).rejects(conditionFailed());

    const result = await handler(pick({ category: 'logistics', reason: '包裹未送达' }, 'zh-CN'), aLambdaContext);

    expect(result.statusCode).toBe(429);
    expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '1' });
    expect(JSON.parse(result.body)).toMatchObject({ type: 'https://closeloop.dev/problems/busy', title: '同时修改过多', status: 429 });
    expect(complaintPuts()).toHaveLength(12);
  });

  it('stores the pick conditionally on the version read, and answers the category, deadlines and policy', async () => {
    dynamo.on(GetCommand, { Key: keys.complaint(id) }).resolves({ Item: complaintItem(uncertain) });

    const picked = await answer(pick({ category: 'logistics', reason: '包裹未送达' }));

    expect(picked).toMatchObject({
      status: 200,
      body: {
        id,
        category: 'logistics',
        responseDueAt: '2025-11-26T02:00:00.000Z',
        resolutionDueAt: '2025-12-03T15:59:59.999Z',
        policy: { applied: ['defaults'] },
      },
    });
    const [write] = complaintPuts();
    expect(write!.args[0].input.ExpressionAttributeValues).toEqual({ ':expected': 3 });
    expect(write!.args[0].input.Item).toMatchObject({
      version: 4,
      category: 'logistics',
      categorySource: 'agent',
      categorised: { by: 'ann', at: '2025-11-24T06:00:00.000Z' },
      triage: { category: { value: 'uncertain' } },
      outbox: [
        {
          type: 'category_changed',
          actor: { kind: 'agent', id: 'ann' },
          details: { from: 'uncertain', to: 'logistics', reason: '包裹未送达' },
        },
      ],
    });
    // Repeat detection reads the customer's complaints from 30 days before this one's receipt.
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'CUSTOMER#c-1001',
      ':since': '2025-10-25T02:00:00.000Z',
    });
  });

  it.each([
    ['en', 'The category was already picked as Logistics by tom on 24 November 2025 at 10:30.'],
    ['zh-CN', '该投诉已于 2025年11月24日 10:30 由 tom 选定类别为物流配送。'],
  ])('answers 409 (%s) when another agent picked another category meanwhile, naming theirs', async (language, detail) => {
    tomPicksLogisticsMeanwhile();

    const refused = await answer(pick({ category: 'billing_dispute' }, language));

    expect(refused).toMatchObject({ status: 409, body: { status: 409, detail } });
    expect(complaintPuts()).toHaveLength(1);
  });

  it('answers the same pick sent meanwhile by another agent as the first, writing nothing', async () => {
    tomPicksLogisticsMeanwhile();

    const same = await answer(pick({ category: 'logistics' }));

    expect(same).toMatchObject({ status: 200, body: { category: 'logistics' } });
    expect(complaintPuts()).toHaveLength(1);
  });
});
