import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { startEngines, type LocalEngines } from '../../local/engines.ts';
import { clearSentEmails, listSentEmails } from '../../local/mailbox.ts';
import { bindTopicInbox, type InboxMessage } from '../../local/escalation-inbox.ts';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const repoRoot = resolve(import.meta.dirname, '../..');

const tableDef = (name: string) =>
  new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });

/**
 * Even with createTableMs 0 dynalite answers CreateTable with CREATING and
 * flips to ACTIVE a moment later (as AWS does, slower): wait for it.
 */
async function createTable(ddb: DynamoDBClient, name: string): Promise<void> {
  await ddb.send(tableDef(name));
  for (let i = 0; i < 500; i++) {
    const d = await ddb.send(new DescribeTableCommand({ TableName: name }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`table ${name} never became ACTIVE`);
}

describe('local engines (in memory)', () => {
  let engines: LocalEngines;
  let ddb: DynamoDBClient;

  beforeAll(async () => {
    engines = await startEngines({});
    ddb = new DynamoDBClient({ endpoint: engines.dynamodbEndpoint, region, credentials });
  });

  afterAll(async () => {
    ddb?.destroy();
    await engines?.stop();
  });

  it('binds 127.0.0.1 on random ports', () => {
    for (const url of [engines.dynamodbEndpoint, engines.sesEndpoint, engines.snsEndpoint, engines.sqsEndpoint]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(engines.mailViewerUrl).toBe(`${engines.sesEndpoint}/`);
    expect(engines.snsEndpoint).toBe(engines.sqsEndpoint);
  });

  it('DynamoDB: table with a GSI, conditional PutItem, Query on the GSI', async () => {
    await createTable(ddb, 'Cases');
    const put = (id: string, status: string) =>
      new PutItemCommand({
        TableName: 'Cases',
        Item: {
          pk: { S: `CASE#${id}` },
          sk: { S: 'META' },
          gsi1pk: { S: `STATUS#${status}` },
          gsi1sk: { S: `2026-01-0${id}` },
          title: { S: `投诉 ${id}` },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    await ddb.send(put('1', 'open'));
    await ddb.send(put('2', 'open'));
    await ddb.send(put('3', 'closed'));
    await expect(ddb.send(put('1', 'open'))).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    const q = await ddb.send(
      new QueryCommand({
        TableName: 'Cases',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :s',
        ExpressionAttributeValues: { ':s': { S: 'STATUS#open' } },
      }),
    );
    expect(q.Items?.map((i) => i.pk?.S)).toEqual(['CASE#1', 'CASE#2']);
    expect(q.Items?.[0]?.title?.S).toBe('投诉 1');
  });

  it('SES v2: an email with Chinese subject and bodies round-trips through /store', async () => {
    await clearSentEmails(engines.sesEndpoint);
    const ses = new SESv2Client({ endpoint: engines.sesEndpoint, region, credentials });
    const before = Date.now();
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@closeloop.example',
        Destination: { ToAddresses: ['张三 <zhangsan@example.cn>', 'ops@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: '您的投诉已受理（编号 C-001）', Charset: 'UTF-8' },
            Body: {
              Text: { Data: '您好，我们已收到您的投诉。\n谢谢！', Charset: 'UTF-8' },
              Html: { Data: '<p>您好，我们已收到您的投诉。</p>', Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
    ses.destroy();

    const mails = await listSentEmails(engines.sesEndpoint);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({
      from: 'noreply@closeloop.example',
      to: ['张三 <zhangsan@example.cn>', 'ops@example.com'],
      subject: '您的投诉已受理（编号 C-001）',
      text: '您好，我们已收到您的投诉。\n谢谢！',
      html: '<p>您好，我们已收到您的投诉。</p>',
    });
    expect(mail!.messageId).not.toBe('');
    expect(mail!.at.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(mail!.at.getTime()).toBeLessThanOrEqual(Date.now());

    expect(await listSentEmails(engines.sesEndpoint, new Date(Date.now() + 5_000))).toEqual([]);

    const page = await fetch(engines.mailViewerUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('SNS: a publish with MessageAttributes reaches the inbox with its attributes', async () => {
    const inbox = await bindTopicInbox({
      snsEndpoint: engines.snsEndpoint,
      sqsEndpoint: engines.sqsEndpoint,
      topicName: 'closeloop-escalations',
    });
    const again = await bindTopicInbox({
      snsEndpoint: engines.snsEndpoint,
      sqsEndpoint: engines.sqsEndpoint,
      topicName: 'closeloop-escalations',
    });
    expect(again.topicArn).toBe(inbox.topicArn);
    expect(again.queueUrl).toBe(inbox.queueUrl);
    again.close();
    expect(inbox.topicArn).toBe('arn:aws:sns:eu-west-1:000000000000:closeloop-escalations');
    expect(inbox.queueUrl).toBe(`${engines.sqsEndpoint}/000000000000/closeloop-escalations-inbox`);

    const critical = await bindTopicInbox({
      snsEndpoint: engines.snsEndpoint,
      sqsEndpoint: engines.sqsEndpoint,
      topicName: 'closeloop-escalations',
      queueName: 'critical-only',
      filterPolicy: { level: ['critical'] },
    });

    const sns = new SNSClient({ endpoint: engines.snsEndpoint, region, credentials });
    const publish = (level: string, message: string) =>
      sns.send(
        new PublishCommand({
          TopicArn: inbox.topicArn,
          Subject: '投诉升级',
          Message: message,
          MessageAttributes: {
            level: { DataType: 'String', StringValue: level },
            category: { DataType: 'String', StringValue: '服务质量' },
            tier: { DataType: 'String', StringValue: '2' },
          },
        }),
      );
    const sent = await publish('warning', JSON.stringify({ caseId: 'C-001', note: '已超时 48 小时' }));
    await publish('critical', 'second');

    const got = await inbox.receive();
    expect(got).toHaveLength(2);
    expect(got[0]).toMatchObject({
      messageId: sent.MessageId,
      subject: '投诉升级',
      message: JSON.stringify({ caseId: 'C-001', note: '已超时 48 小时' }),
      attributes: { level: 'warning', category: '服务质量', tier: '2' },
      topicArn: inbox.topicArn,
    });
    expect(got[0]!.at).toBeInstanceOf(Date);
    expect(Math.abs(got[0]!.at.getTime() - Date.now())).toBeLessThan(10_000);
    expect(await inbox.receive()).toEqual([]); // drained

    const filtered = await critical.receive();
    expect(filtered.map((m) => [m.message, m.attributes.level])).toEqual([['second', 'critical']]);
    critical.close();

    // watch(): polls, calls back in order, stops.
    const seen: InboxMessage[] = [];
    const w = inbox.watch((m) => void seen.push(m), 20);
    await publish('info', 'third');
    await publish('info', 'fourth');
    await expect.poll(() => seen.map((m) => m.message), { timeout: 5_000, interval: 20 }).toEqual(['third', 'fourth']);
    await w.stop();
    await publish('info', 'after-stop');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(2);
    expect((await inbox.receive()).map((m) => m.message)).toEqual(['after-stop']);

    // a throwing callback is reported and does not lose the rest of the batch
    const errors: unknown[] = [];
    const delivered: string[] = [];
    const w2 = inbox.watch(
      (m) => {
        delivered.push(m.message);
        if (m.message === 'boom') throw new Error('callback failed');
      },
      20,
      (err) => errors.push(err),
    );
    await publish('info', 'boom');
    await publish('info', 'fine');
    await expect.poll(() => delivered, { timeout: 5_000, interval: 20 }).toEqual(['boom', 'fine']);
    expect(errors).toHaveLength(1);
    inbox.close(); // stops w2 too
    await w2.stop();

    sns.destroy();
  });
});

describe('local engines (on disk)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-engines-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a restart with the same dataDir keeps DynamoDB data', async () => {
    const first = await startEngines({ dataDir });
    try {
      expect(first.dynamodbPath).toBe(join(dataDir, 'dynamodb'));
      const ddb1 = new DynamoDBClient({ endpoint: first.dynamodbEndpoint, region, credentials });
      await createTable(ddb1, 'Cases');
      await ddb1.send(
        new PutItemCommand({
          TableName: 'Cases',
          Item: { pk: { S: 'CASE#9' }, sk: { S: 'META' }, gsi1pk: { S: 'STATUS#open' }, gsi1sk: { S: 'x' }, note: { S: '持久化' } },
        }),
      );
      ddb1.destroy();
    } finally {
      await first.stop();
    }
    await first.stop(); // idempotent

    const second = await startEngines({ dataDir });
    try {
      const ddb2 = new DynamoDBClient({ endpoint: second.dynamodbEndpoint, region, credentials });
      const got = await ddb2.send(
        new GetItemCommand({ TableName: 'Cases', Key: { pk: { S: 'CASE#9' }, sk: { S: 'META' } } }),
      );
      expect(got.Item?.note?.S).toBe('持久化');
      const q = await ddb2.send(
        new QueryCommand({
          TableName: 'Cases',
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :s',
          ExpressionAttributeValues: { ':s': { S: 'STATUS#open' } },
        }),
      );
      expect(q.Items?.map((i) => i.pk?.S)).toEqual(['CASE#9']);
      ddb2.destroy();
    } finally {
      await second.stop();
    }
  });

  it('a second startEngines on a data directory in use fails at start', async () => {
    const running = await startEngines({ dataDir });
    try {
      await expect(startEngines({ dataDir })).rejects.toThrow(/cannot be opened/);
      // the running one is unharmed
      const ddb = new DynamoDBClient({ endpoint: running.dynamodbEndpoint, region, credentials });
      const got = await ddb.send(
        new GetItemCommand({ TableName: 'Cases', Key: { pk: { S: 'CASE#9' }, sk: { S: 'META' } } }),
      );
      expect(got.Item?.note?.S).toBe('持久化');
      ddb.destroy();
    } finally {
      await running.stop();
    }
  });
});

describe('stop()', () => {
  it('leaves nothing running: a process that used every engine exits by itself', async () => {
    const url = (p: string) => JSON.stringify(resolve(repoRoot, p));
    const script = `
      import { startEngines } from ${url('local/engines.ts')};
      import { bindTopicInbox } from ${url('local/escalation-inbox.ts')};
      import { listSentEmails } from ${url('local/mailbox.ts')};
      const e = await startEngines({});
      const inbox = await bindTopicInbox({ snsEndpoint: e.snsEndpoint, sqsEndpoint: e.sqsEndpoint, topicName: 't' });
      inbox.watch(() => {}, 10);
      await inbox.receive();
      await listSentEmails(e.sesEndpoint);
      await fetch(e.dynamodbEndpoint);
      inbox.close();
      await e.stop();
      const refused = await fetch(e.dynamodbEndpoint).then(() => false, () => true);
      console.log(JSON.stringify({ refused, startupMs: e.startupMs }));
    `;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (done) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', script],
          {
            cwd: repoRoot,
            timeout: 20_000,
            env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          },
          (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
        );
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout.trim()) as { refused: boolean };
    expect(out.refused).toBe(true);
  });
});
