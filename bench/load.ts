/**
 * Load on the local stack: filings at a given concurrency, a tenth of them
 * sent again by the "client" with the same Idempotency-Key (half at once, half
 * after the first answer), then counts what was stored and started.
 *
 *   npm run load -- [--filings 10000] [--concurrency 50]
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ScaledClock } from '#local/clock.ts';
import { startLocalRuntime } from '#local/runtime.ts';

const { values } = parseArgs({ options: { filings: { type: 'string' }, concurrency: { type: 'string' } } });
const filings = Number(values.filings ?? 10_000);
const concurrency = Number(values.concurrency ?? 50);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const runtime = await startLocalRuntime({ clock: new ScaledClock(1), port: 0 });
try {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const idsByKey = new Map<string, Set<string>>();
  const send = async (i: number) => {
    const key = `load-${i}`;
    const t0 = performance.now();
    const response = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        customer: { id: `load-${i % 997}`, name: 'Load Test', email: `load${i}@example.com`, locale: i % 2 ? 'en' : 'zh-CN' },
        channel: 'web',
        category: 'logistics',
        subject: `Parcel ${i} is late`,
        description: '包裹晚到三天，客服没有回复。The parcel is three days late.',
      }),
    });
    const body = (await response.json()) as { id?: string };
    latencies.push(performance.now() - t0);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (body.id) idsByKey.set(key, (idsByKey.get(key) ?? new Set()).add(body.id));
  };

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < filings) {
        const i = next++;
        if (i % 10 === 0) await Promise.all([send(i), send(i)]);
        else if (i % 10 === 5) {
          await send(i);
          await send(i);
        } else await send(i);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await runtime.settle();

  const dynamodb = new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'eu-west-1', credentials });
  let stored = 0;
  for await (const page of paginateScan(
    { client: dynamodb },
    {
      TableName: 'closeloop-complaints',
      FilterExpression: 'entity = :c',
      ExpressionAttributeValues: { ':c': { S: 'complaint' } },
      Select: 'COUNT',
    },
  )) {
    stored += page.Count ?? 0;
  }
  const sfn = new SFNClient({ endpoint: runtime.endpoints.stepFunctions, region: 'eu-west-1', credentials });
  let executions = 0;
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: runtime.stateMachineArn, maxResults: 1000, nextToken }),
    );
    executions += page.executions?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken);
  dynamodb.destroy();
  sfn.destroy();

  latencies.sort((a, b) => a - b);
  const accepted = statuses.get(201) ?? 0;
  console.log(
    JSON.stringify(
      {
        filings,
        requests: latencies.length,
        concurrency,
        accepted,
        refused: Object.fromEntries([...statuses].filter(([status]) => status !== 201)),
        complaintsStored: stored,
        executionsStarted: executions,
        keysWithMoreThanOneComplaint: [...idsByKey.values()].filter((ids) => ids.size > 1).length,
        duplicates: stored - idsByKey.size,
        throughputPerSecond: Number((latencies.length / seconds).toFixed(1)),
        p50Ms: Number(percentile(latencies, 50).toFixed(1)),
        p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      },
      null,
      2,
    ),
  );
} finally {
  await runtime.stop();
}
