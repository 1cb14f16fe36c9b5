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
      Item: expect.objectContaining({ entity: 'complaint', phase: 'RECEIVED', triagePk: 'AWAITING_TRIAGE', receivedAt: '2025-11-24T02:00:00.000Z' }),
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

  it('answers 400 problem details naming each bad field, and writes nothing', async () => {
    const body = aFilingBody();
    const result = await file({ ...body, channel: 'fax', description: '', customer: { ...body.customer, email: 'nope' } });
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(result.body) as { status: number; errors: { field: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field).sort()).toEqual([
      'channel',
      'customer.email',
      'description',
    ]);
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
      Item: { requestHash: 'another-body', complaintId: 'x', caseNumber: 'y', tokenSeed: 'z' },
    });

    const result = await file(aFilingBody(), { 'Idempotency-Key': 'key-1' });

    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'IdempotencyKeyReused', idempotencyKey: 'key-1' });
  });
});
