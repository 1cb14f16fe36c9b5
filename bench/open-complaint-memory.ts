/**
 * Section (d) of `npm run bench`: memory of the local runtime per open
 * complaint. Files N complaints (each one's execution parks on its response
 * wait, with a task token and a clock timer), then divides the growth of the
 * V8 heap and of the process RSS, both after full garbage collection, by N.
 * Everything lives in this process: the in-memory DynamoDB (dynalite) holds
 * the items on its thread, the Step Functions emulator the executions on the
 * workflow thread. RSS is the whole process's; the V8 heap is the threads'
 * heaps added up.
 *
 *   node --expose-gc --import tsx bench/open-complaint-memory.ts [--complaints 10000] --out FILE
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ManualClock } from '#local/clock.ts';
import { startLocalRuntime } from '#local/runtime.ts';
import { itemSize } from './support/capacity-units.ts';
import { LoadGenerator } from './support/load-generator.ts';
import { round, settleHeap } from './support/stats.ts';

const { values } = parseArgs({ options: { complaints: { type: 'string' }, out: { type: 'string' } } });
const total = Number(values.complaints ?? 10_000);
const progress = (line: string) => process.stderr.write(`[memory] ${line}\n`);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface MemoryResult {
  openComplaints: number;
  runningExecutions: number;
  pendingClockTimers: number;
  heapUsedBytesPerComplaint: number;
  rssBytesPerComplaint: number;
  externalBytesPerComplaint: number;
  /** DynamoDB item bytes (by the DynamoDB size rules) stored per complaint: its item and its events. */
  storedItemBytesPerComplaint: number;
  storedItemsPerComplaint: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  fileSeconds: number;
  refusedFilings: number;
}

async function memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
  const threads = [await runtime.dynamodbMemory(), ...(runtime.workflowThread ? [await runtime.workflowThread.memory()] : [])];
  await settleHeap();
  const usage = process.memoryUsage();
  return threads.reduce((sum, thread) => ({ ...sum, heapUsed: sum.heapUsed + thread.heapUsed, heapTotal: sum.heapTotal + thread.heapTotal }), usage);
}

const clock = new ManualClock('2025-11-24T02:00:00.000Z');
const runtime = await startLocalRuntime({ clock, port: 0 });
// The client runs on its own thread (and its own heap), so only the runtime is on this one.
const client = new LoadGenerator();
try {
  let failures = 0;
  const file = async (count: number) => {
    const result = await client.run({ kind: 'file', baseUrl: runtime.url, count, concurrency: 16, tag: 'memory' });
    failures += result.failures;
  };
  // Warm-up: modules loaded, caches filled; these complaints stay in the baseline.
  const warmUp = 50;
  await file(warmUp);
  await runtime.settle();
  const before = await memoryAfterGc();

  progress(`filing ${total} complaints`);
  const started = performance.now();
  const step = Math.max(500, Math.round(total / 5));
  for (let filed = 0; filed < total; filed += step) {
    await file(Math.min(step, total - filed));
    progress(`${Math.min(total, filed + step)} filed (${round((performance.now() - started) / 1000)} s)`);
  }
  await runtime.settle();
  const fileSeconds = (performance.now() - started) / 1000;
  const after = await memoryAfterGc();

  const sfn = new SFNClient({ endpoint: runtime.endpoints.stepFunctions, region: 'eu-west-1', credentials });
  let runningExecutions = 0;
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: runtime.stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }));
    runningExecutions += page.executions?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken);
  sfn.destroy();

  const dynamodb = new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'eu-west-1', credentials });
  let storedBytes = 0;
  let storedItems = 0;
  for await (const page of paginateScan({ client: dynamodb }, { TableName: 'closeloop-complaints' })) {
    for (const item of page.Items ?? []) {
      storedBytes += itemSize(item);
      storedItems++;
    }
  }
  dynamodb.destroy();

  const open = warmUp + total;
  const result: MemoryResult = {
    openComplaints: open,
    runningExecutions,
    pendingClockTimers: clock.pendingTimers(),
    heapUsedBytesPerComplaint: Math.round((after.heapUsed - before.heapUsed) / total),
    rssBytesPerComplaint: Math.round((after.rss - before.rss) / total),
    externalBytesPerComplaint: Math.round((after.external - before.external) / total),
    storedItemBytesPerComplaint: Math.round(storedBytes / open),
    storedItemsPerComplaint: round(storedItems / open, 1),
    before,
    after,
    fileSeconds: round(fileSeconds),
    refusedFilings: failures,
  };
  if (failures > 0) progress(`${failures} filings were refused`);
  progress(`heap ${result.heapUsedBytesPerComplaint} B, RSS ${result.rssBytesPerComplaint} B per open complaint (${result.fileSeconds} s to file)`);
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
  else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await client.close();
  await runtime.stop();
}
