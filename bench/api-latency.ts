/**
 * Section (c) of `npm run bench`: latency (p50, p99) and throughput of the
 * local API for filing (POST /complaints) and reading (GET /complaints/{id}
 * with the access token) with 1, 16 and 64 requests in flight (closed loop),
 * on a manual clock that stands still. The client runs on a worker thread
 * (./support/load-generator.ts); the runtime serves the HTTP front, the API
 * handlers and the engines on this one, and the workflow on its own thread,
 * as `npm start` does. After each filing burst the runtime settles (the
 * workflows the filings started park on their first wait) before the next.
 *
 * `--workflow-in process` runs the workflow on this thread too (as before the
 * workflow thread), filing at 16 only: the comparison.
 *
 *   node --import tsx bench/api-latency.ts [--filings 300] [--reads 1000] [--workflow-in process] --out FILE
 *   node --import tsx bench/api-latency.ts --profile-filing [--workflow-in process] [--filings 300] --profile-out FILE
 *
 * The profile is V8's CPU profile (what `node --cpu-prof` writes), started
 * and stopped through node:inspector around the burst only, so start-up and
 * warm-up do not dilute it.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ManualClock } from '#local/clock.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';
import { type FiledCase, LoadGenerator, type LoadResult } from './support/load-generator.ts';
import { percentile, round } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string' },
    reads: { type: 'string' },
    out: { type: 'string' },
    'profile-filing': { type: 'boolean' },
    'workflow-in': { type: 'string' },
    'profile-out': { type: 'string' },
  },
});
const filings = Number(values.filings ?? 300);
const reads = Number(values.reads ?? 1000);
const levels = [1, 16, 64];
const workflowIn = values['workflow-in'] === 'process' ? 'process' : 'thread';
const progress = (line: string) => process.stderr.write(`[latency] ${line}\n`);

export interface LatencyFigures {
  operation: 'file' | 'read';
  concurrency: number;
  requests: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  throughputPerSecond: number;
  /** Busy time of the serving thread's event loop per request (with the workflow in process, its work included). */
  busyMsPerRequest: number;
  /** Busy time of the workflow thread's event loop per request, while the burst ran (none with the workflow in process). */
  workflowBusyMsPerRequest?: number;
  /** Filings only: how long the workflows they started took to park after the burst. */
  settleMs?: number;
  /** Filings only: requests per second counting until the workflows they started had parked (the rate the runtime keeps up with). */
  sustainedPerSecond?: number;
}

export interface LatencyResult {
  workflowIn: 'thread' | 'process';
  levels: LatencyFigures[];
  node: string;
}

async function measured(
  operation: 'file' | 'read',
  concurrency: number,
  work: () => Promise<LoadResult>,
): Promise<{ figures: LatencyFigures; result: LoadResult }> {
  const loop = performance.eventLoopUtilization();
  const thread = runtime.workflowThread?.eventLoopUtilization();
  const result = await work();
  const busy = performance.eventLoopUtilization(loop).active;
  const threadBusy = thread ? runtime.workflowThread!.eventLoopUtilization(thread).active : undefined;
  const n = result.latencies.length;
  return {
    result,
    figures: {
      operation,
      concurrency,
      requests: n,
      failures: result.failures,
      p50Ms: round(percentile(result.latencies, 50)),
      p99Ms: round(percentile(result.latencies, 99)),
      maxMs: round(result.latencies.at(-1) ?? Number.NaN),
      throughputPerSecond: round(n / result.seconds),
      busyMsPerRequest: round(busy / Math.max(1, n), 2),
      ...(threadBusy === undefined ? {} : { workflowBusyMsPerRequest: round(threadBusy / Math.max(1, n), 2) }),
    },
  };
}

async function timedSettle(runtime: LocalRuntime): Promise<number> {
  const t0 = performance.now();
  await runtime.settle();
  return round(performance.now() - t0);
}

const runtime = await startLocalRuntime({ clock: new ManualClock('2025-11-24T02:00:00.000Z'), port: 0, workflowIn });
const client = new LoadGenerator();
try {
  const baseUrl = runtime.url;
  const filed: FiledCase[] = [];
  const file = async (count: number, concurrency: number) => {
    const result = await client.run({ kind: 'file', baseUrl, count, concurrency, tag: 'latency' });
    filed.push(...result.filed);
    return result;
  };
  // Warm-up: every module loaded and compiled before anything is timed.
  await file(30, 4);
  await runtime.settle();
  await client.run({ kind: 'read', baseUrl, count: 60, concurrency: 4, targets: filed });

  if (values['profile-filing']) {
    progress(`profiling ${filings} filings at 16 in flight, workflow in ${workflowIn}`);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const run = await file(filings, 16);
    // The burst is not over until the workflows it started have parked.
    await runtime.settle();
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    if (values['profile-out']) await writeFile(values['profile-out'], JSON.stringify(profile));
    progress(`p99 ${round(percentile(run.latencies, 99))} ms`);
  } else {
    const results: LatencyFigures[] = [];
    const report = (f: LatencyFigures) =>
      progress(`${f.operation} x${f.concurrency}: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.throughputPerSecond}/s`);
    // The comparison needs filing at 16 only.
    for (const concurrency of workflowIn === 'thread' ? levels : [16]) {
      const { figures, result } = await measured('file', concurrency, () => file(filings, concurrency));
      const settleMs = await timedSettle(runtime);
      results.push({ ...figures, settleMs, sustainedPerSecond: round(result.latencies.length / (result.seconds + settleMs / 1000)) });
      report(results.at(-1)!);
    }
    for (const concurrency of workflowIn === 'thread' ? levels : []) {
      const { figures } = await measured('read', concurrency, () => client.run({ kind: 'read', baseUrl, count: reads, concurrency, targets: filed }));
      results.push(figures);
      report(figures);
    }

    const result: LatencyResult = { workflowIn, levels: results, node: process.version };
    if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
    else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
  }
} finally {
  await client.close();
  await runtime.stop();
}
