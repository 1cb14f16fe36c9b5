import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClock } from '#adapters/clock.ts';
import { fixedClock } from '#domain/clock.ts';
import { handler } from '#handlers/api/file-complaint.ts';
import { canonicalHash, deriveAccessToken, hashToken } from '#adapters/tokens.ts';
import { forgetLinkSigningKey } from '#adapters/link-signing-key.ts';
import { aLambdaContext, anApiEvent } from '../../support/api-events.ts';
import { aFilingBody } from '../../support/builders.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const secrets = mockClient(SecretsManagerClient);
const signingKey = 'k3y'.repeat(20);

const file = (body: unknown, headers: Record<string, string> = {}) =>
  handler(anApiEvent({ method: 'POST', path: '/complaints', body, headers }), aLambdaContext);

// 2025-11-24T02:00:00Z, the fixed clock below, in epoch seconds (the unit of the table's TTL attribute).
const nowSeconds = 1_763_949_600;
const windowSeconds = 24 * 60 * 60;
// Filed an hour ago: the window runs 23 more hours.
const inWindow = nowSeconds - 3600 + windowSeconds;
const idempotencyKeyOf = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });
const counterUpdates = () => dynamo.commandCalls(UpdateCommand).filter((c) => String(c.args[0].input.Key?.pk).startsWith('COUNTER#'));

/** `sent` is called as each of two calls goes out; `bothSent` settles once both have: a held call waits on it. */
function twoCallsSent(): { sent: () => void; bothSent: Promise<void> } {
  let count = 0;
  let release!: () => void;
  const bothSent = new Promise<void>((resolve) => (release = resolve));
  return {
    sent: () => {
      count += 1;
      if (count === 2) release();
    },
    bothSent,
  };
}

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });

describe('Handler: file-complaint', () => {
  beforeEach(() => {
    // Mon 2025-11-24 10:00 in Shanghai, DOMAIN.md's worked example.
    useClock(fixedClock('2025-11-24T02:00:00Z'));
    dynamo.on(UpdateCommand).resolves({ Attributes: { seq: 7 } });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: signingKey });
    forgetLinkSigningKey();
  });
  afterEach(() => {
    dynamo.reset();
    sfn.reset();
    secrets.reset();
  });

  it('creates the complaint with a conditional put and starts the execution named after it', async () => {
    const result = await file(aFilingBody());

    expect(result.statusCode).toBe(201);
    const answer = JSON.parse(result.body);
    expect(answer).toMatchObject({
      caseNumber: 'CL-20251124-0007',
      phase: 'RECEIVED',
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T15:59:59.999Z',
      deadlinesProvisional: false,
    });
    expect(answer.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(answer.accessToken).toMatch(/^[\w-]{43}$/);

    expect(dynamo).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: 'complaints-test',
      Key: { pk: 'COUNTER#CASE#2025-11-24', sk: 'COUNTER' },
      UpdateExpression: 'SET entity = :entity ADD seq :one',
      ConditionExpression: 'attribute_not_exists(seq) OR seq < :max',
    });
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'complaints-test',
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: expect.objectContaining({
        pk: `COMPLAINT#${answer.id}`,
        sk: 'COMPLAINT',
        entity: 'complaint',
        tier: 'standard',
        phase: 'RECEIVED',
        version: 1,
        gsi1pk: 'CUSTOMER#c-1001',
        gsi2pk: 'QUEUE#UNASSIGNED',
        // Not yet answered: the first-response deadline is the one the queue orders by.
        gsi2sk: `2025-11-26T02:00:00.000Z#${answer.id}`,
      }),
    });
    // Repeat detection reads only this customer's last 30 days, from the customer index.
    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'complaints-test',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
      ExpressionAttributeValues: { ':pk': 'CUSTOMER#c-1001', ':since': '2025-10-25T02:00:00.000Z' },
    });
    expect(sfn).toHaveReceivedCommandExactlyOnceWith(StartExecutionCommand, {
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:complaint',
      name: answer.id,
      input: JSON.stringify({ complaintId: answer.id }),
    });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, {
      SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:closeloop-link-signing-AbCdEf',
    });
  });

  it('answers 201 when StartExecution fails: the complaint is stored and waits in the awaitingTriage index', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    const result = await file(aFilingBody());
    expect(result.statusCode).toBe(201);
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(pk)',
      Item: expect.objectContaining({
        entity: 'complaint',
        phase: 'RECEIVED',
        triagePk: 'AWAITING_TRIAGE',
        receivedAt: '2025-11-24T02:00:00.000Z',
      }),
    });
  });

  it('stores the access token only as its hash, and the idempotency record holds no token at all', async () => {
    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-9' });
    const { accessToken } = JSON.parse(result.body) as { accessToken: string };
    const written = JSON.stringify([
      ...dynamo.commandCalls(PutCommand).map((c) => c.args[0].input),
      ...dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input),
    ]);
    expect(written).not.toContain(accessToken);
    expect(written).toContain(hashToken(accessToken));
    const record = dynamo.commandCalls(PutCommand).find((c) => c.args[0].input.Item?.entity === 'idempotency')!.args[0].input.Item!;
    expect(deriveAccessToken(new TextEncoder().encode(signingKey), record.tokenSeed as string)).toBe(accessToken);
  });

  it('takes the tier from the desk records, never from the request', async () => {
    dynamo.on(GetCommand, { Key: { pk: 'CUSTOMER#c-1001', sk: 'PROFILE' } }).resolves({ Item: { tier: 'vip' } });
    const refused = await file({ ...aFilingBody(), tier: 'vip' });
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body).errors).toEqual([{ field: 'tier', problem: 'is not an accepted field' }]);

    await file(aFilingBody());
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ entity: 'complaint', tier: 'vip' }),
    });
  });

  it("reads the customer's tier and recent complaints beside the idempotency record, not after it", async () => {
    // The idempotency read answers only once the other two have been sent: filed one after another, this never ends.
    const { sent, bothSent } = twoCallsSent();
    dynamo.on(GetCommand, { Key: { pk: 'CUSTOMER#c-1001', sk: 'PROFILE' } }).callsFake(() => {
      sent();
      return { Item: { tier: 'vip' } };
    });
    dynamo.on(QueryCommand).callsFake(() => {
      sent();
      return { Items: [] };
    });
    dynamo.on(GetCommand, { Key: idempotencyKeyOf('key-par') }).callsFake(async () => {
      await bothSent;
      return {};
    });

    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-par' });

    expect(result.statusCode).toBe(201);
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ entity: 'complaint', tier: 'vip' }) });
  });

  it('once the complaint is stored, writes its events, starts the workflow and completes the idempotency record together', async () => {
    // The events are held until both the start and the record's answer were sent: done one after another, this never ends.
    const { sent, bothSent } = twoCallsSent();
    dynamo.on(PutCommand, { Item: { entity: 'event' } }).callsFake(async () => {
      await bothSent;
      return {};
    });
    sfn.on(StartExecutionCommand).callsFake(() => {
      sent();
      return { executionArn: 'arn:exec', startDate: new Date() };
    });
    dynamo.on(UpdateCommand, { Key: idempotencyKeyOf('key-together') }).callsFake(() => {
      sent();
      return {};
    });

    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-together' });

    expect(result.statusCode).toBe(201);
    expect(dynamo).toHaveReceivedCommandWith(UpdateCommand, {
      Key: idempotencyKeyOf('key-together'),
      ExpressionAttributeValues: { ':response': expect.objectContaining({ id: JSON.parse(result.body).id, phase: 'RECEIVED' }) },
    });
  });

  it('answers 400 problem details naming each bad field, and writes nothing', async () => {
    const body = aFilingBody();
    const result = await file({ ...body, channel: 'fax', description: '', customer: { ...body.customer, email: 'nope' } });
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(result.body) as { status: number; errors: { field: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['channel', 'customer.email', 'description']);
    expect(dynamo).not.toHaveReceivedCommand(PutCommand);
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers a body that is not JSON with 400, in Chinese when asked', async () => {
    const result = await file('{not json', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({
      title: '请求无效',
      errors: [{ field: '(body)', problem: '不是有效的 JSON' }],
    });
  });

  it('replays the first answer for the same Idempotency-Key and body', async () => {
    // As the first attempt stored it: its whole answer but the access token.
    const first = {
      id: '01JDF1RST00000000000000000',
      caseNumber: 'CL-20251124-0001',
      phase: 'RECEIVED',
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T15:59:59.999Z',
      deadlinesProvisional: false,
    };
    dynamo.on(PutCommand, { Item: { entity: 'idempotency' } }).rejects(conditionFailed());
    dynamo.on(GetCommand, { Key: { pk: 'IDEMPOTENCY#key-1', sk: 'IDEMPOTENCY' } }).resolves({
      Item: {
        requestHash: canonicalHash(aFilingBody()),
        complaintId: first.id,
        caseNumber: first.caseNumber,
        tokenSeed: 'seed-1',
        response: first,
        expiresAt: inWindow,
      },
    });

    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-1' });

    expect(result.statusCode).toBe(201);
    // The same token as the first answer, derived again: the table never held it.
    const accessToken = deriveAccessToken(new TextEncoder().encode(signingKey), 'seed-1');
    expect(JSON.parse(result.body)).toEqual({ ...first, accessToken });
    expect(dynamo).not.toHaveReceivedCommand(UpdateCommand);
    expect(dynamo).not.toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ entity: 'complaint' }) });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses the same Idempotency-Key with another body with 422', async () => {
    dynamo.on(PutCommand, { Item: { entity: 'idempotency' } }).rejects(conditionFailed());
    dynamo.on(GetCommand, { Key: { pk: 'IDEMPOTENCY#key-1', sk: 'IDEMPOTENCY' } }).resolves({
      Item: { requestHash: 'another-body', complaintId: 'x', caseNumber: 'y', tokenSeed: 'z', expiresAt: inWindow },
    });

    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-1' });

    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'IdempotencyKeyReused', idempotencyKey: 'key-1' });
  });

  describe('the Idempotency-Key window (24 h)', () => {
    const first = { id: '01JDF1RST00000000000000000', caseNumber: 'CL-20251123-0001' };
    const recordOfFirst = (expiresAt: number, response?: Record<string, unknown>) => ({
      Item: {
        ...idempotencyKeyOf('key-7'),
        entity: 'idempotency',
        key: 'key-7',
        requestHash: canonicalHash(aFilingBody()),
        complaintId: first.id,
        caseNumber: first.caseNumber,
        tokenSeed: 'seed-7',
        expiresAt,
        ...(response ? { response } : {}),
      },
    });

    it('a retry in the last second of the window finishes the first complaint: same id and case number, no case number reserved', async () => {
      // The first attempt claimed the key and died before answering.
      dynamo.on(GetCommand, { Key: idempotencyKeyOf('key-7') }).resolves(recordOfFirst(nowSeconds));

      const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-7' });

      expect(result.statusCode).toBe(201);
      expect(JSON.parse(result.body)).toMatchObject({ id: first.id, caseNumber: first.caseNumber });
      expect(counterUpdates()).toHaveLength(0);
      expect(dynamo).not.toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ entity: 'idempotency' }) });
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: expect.objectContaining({ pk: `COMPLAINT#${first.id}`, entity: 'complaint', caseNumber: first.caseNumber }),
      });
    });

    it('a retry inside the window replays the first answer and reserves no case number', async () => {
      // As the first attempt stored it: its whole answer but the access token.
      const answered = {
        id: first.id,
        caseNumber: first.caseNumber,
        phase: 'RECEIVED',
        responseDueAt: '2025-11-25T02:00:00.000Z',
        resolutionDueAt: '2025-12-02T15:59:59.999Z',
        deadlinesProvisional: false,
      };
      dynamo.on(GetCommand, { Key: idempotencyKeyOf('key-7') }).resolves(recordOfFirst(inWindow, answered));

      const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-7' });

      expect(result.statusCode).toBe(201);
      expect(JSON.parse(result.body)).toEqual({
        ...answered,
        accessToken: deriveAccessToken(new TextEncoder().encode(signingKey), 'seed-7'),
      });
      expect(counterUpdates()).toHaveLength(0);
      expect(dynamo).not.toHaveReceivedCommand(PutCommand);
    });

    it('the same key a second after its window files a new complaint under a new id, overwriting only the expired record', async () => {
      // As the first attempt stored it: its whole answer but the access token.
      const answered = {
        id: first.id,
        caseNumber: first.caseNumber,
        phase: 'RECEIVED',
        responseDueAt: '2025-11-25T02:00:00.000Z',
        resolutionDueAt: '2025-12-02T15:59:59.999Z',
        deadlinesProvisional: false,
      };
      dynamo.on(GetCommand, { Key: idempotencyKeyOf('key-7') }).resolves(recordOfFirst(nowSeconds - 1, answered));

      const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-7' });

      expect(result.statusCode).toBe(201);
      const answer = JSON.parse(result.body) as { id: string; caseNumber: string };
      expect(answer.id).not.toBe(first.id);
      expect(answer.caseNumber).toBe('CL-20251124-0007');
      expect(counterUpdates()).toHaveLength(1);
      const claim = dynamo.commandCalls(PutCommand).find((c) => c.args[0].input.Item?.entity === 'idempotency')!.args[0].input;
      expect(claim).toMatchObject({
        TableName: 'complaints-test',
        ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt < :now',
        ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':now': nowSeconds },
        Item: {
          ...idempotencyKeyOf('key-7'),
          complaintId: answer.id,
          caseNumber: 'CL-20251124-0007',
          expiresAt: nowSeconds + windowSeconds,
        },
      });
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: expect.objectContaining({ pk: `COMPLAINT#${answer.id}`, entity: 'complaint' }),
      });
    });

    it('a claim that loses to a live record answers that record, not a second complaint', async () => {
      // Two first attempts at once: the other one claimed the key between our read and our write.
      dynamo
        .on(GetCommand, { Key: idempotencyKeyOf('key-7') })
        .resolvesOnce({})
        .resolves(recordOfFirst(inWindow));
      dynamo.on(PutCommand, { Item: { entity: 'idempotency' } }).rejects(conditionFailed());

      const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-7' });

      expect(result.statusCode).toBe(201);
      expect(JSON.parse(result.body)).toMatchObject({ id: first.id, caseNumber: first.caseNumber });
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        Item: expect.objectContaining({ pk: `COMPLAINT#${first.id}`, entity: 'complaint' }),
      });
    });
  });
});
