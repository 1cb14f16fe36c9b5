import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#declarations/table-schema.ts';
import { startEngines } from '#local/engines.ts';
import { type Started, call, startLocalStack, stopLocalStack } from '../support/child-stack.ts';

describe('e2e: complaints kept in a data directory from before the KPI reports are counted after a restart', () => {
  let dataDir: string;
  let first: Started | undefined;
  let second: Started | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-backfill-'));
  });
  afterAll(async () => {
    await stopLocalStack(first);
    await stopLocalStack(second);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the missing report facts once at start-up, and the report counts the complaint', async () => {
    first = await startLocalStack(['--data', dataDir]);
    const filed = await call(first.api, 'POST', '/complaints', {
      customer: { id: 'b-1', name: 'Zhao Min', email: 'zhao@example.com', locale: 'zh-CN' },
      channel: 'phone',
      subject: '退款未到账',
      description: '退款申请已过十天仍未到账。',
    });
    expect(filed.status).toBe(201);
    const clock = await call(first.api, 'GET', '/__local/clock');
    // Around the clock's date, whichever side of midnight the desk's zone puts it.
    const day = (offset: number) => new Date(Date.parse(String(clock.body.now)) + offset * 86_400_000).toISOString().slice(0, 10);
    const period = `/staff/reports/kpi?from=${day(-1)}&to=${day(1)}`;
    expect((await call(first.api, 'GET', period, undefined, first.supervisorToken)).body.received).toBe(1);
    await stopLocalStack(first);
    first = undefined;

    // The complaint as an earlier version stored it: no report facts, no month keys.
    const engines = await startEngines({ dataDir });
    const client = new DynamoDBClient({
      endpoint: engines.dynamodbEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    await client.send(
      new UpdateItemCommand({
        TableName: 'closeloop-complaints',
        Key: { pk: { S: keys.complaint(String(filed.body.id)).pk }, sk: { S: keys.complaint(String(filed.body.id)).sk } },
        UpdateExpression: 'REMOVE reportFacts, reportMonthPk, reportMonthSk',
      }),
    );
    client.destroy();
    await engines.stop();

    second = await startLocalStack(['--data', dataDir]);
    expect(second.output()).toContain('Report facts written for 1 complaint(s) kept from before the KPI reports');
    const report = await call(second.api, 'GET', period, undefined, second.supervisorToken);
    expect(report.body).toMatchObject({ received: 1, byChannel: expect.objectContaining({ phone: 1 }) });
    await stopLocalStack(second);
    second = undefined;

    // Written once: a further restart has nothing to write.
    second = await startLocalStack(['--data', dataDir]);
    expect(second.output()).not.toContain('Report facts written');
  });
});
