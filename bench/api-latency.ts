/**
 * Section (c) of `npm run bench`: latency (p50, p99) and throughput of the
 * local API for filing (POST /complaints) and reading (GET /complaints/{id}
 * with the access token) with 1, 16 and 64 requests in flight (closed loop),
 * on a manual clock that stands still. The client runs on a worker thread
 * (./support/load-generator.ts); the runtime serves everything on this one.
 * After each filing burst the runtime settles (the workflows the filings
 * started park on their first wait) before the next measurement.
 *
 * Then filing at 16 in flight with the workflow's Lambda work held until the
 * burst is over: what the request path costs when the workflow runs
 * elsewhere (as on AWS, where each Lambda has its own CPU).
 *
 *   node --import tsx bench/api-latency.ts [--filings 300] [--reads 1000] --out FILE
 *   node --import tsx bench/api-latency.ts --profile-filing [--hold-workflow] [--filings 300] --profile-out FILE
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
import type { RuntimeHooks } from '#local/runtime-hooks.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';
import { type FiledCase, LoadGenerator, type LoadResult } from './support/load-generator.ts';
import { percentile, round } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string' },
    reads: { type: 'string' },
    out: { type: 'string' },
    'profile-filing': { type: 'boolean' },
    'hold-workflow': { type: 'boolean' },
    'profile-out': { type: 'string' },
  },
});
const filings = Number(values.filings ?? 300);
const reads = Number(values.reads ?? 1000);
const levels = [1, 16, 64];
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
  /** Busy time of the runtime's event loop per request (the workflow work that ran meanwhile included). */
  busyMsPerRequest: number;
  /** Filings only: how long the workflows they started took to park after the burst. */
  settleMs?: number;
}

export interface LatencyResult {
  levels: LatencyFigures[];
  /** Filing at 16 with workflow Lambda work held until the burst ended. */
  workflowHeld: LatencyFigures & { heldInvocations: number };
  node: string;
}

/** Holds workflow Lambda invocations while closed, as a queue in front of other CPUs would. */
class WorkflowGate {
  held = 0;
  private open = true;
  private waiting: (() => void)[] = [];
  hooks(): RuntimeHooks {
    return {
      aroundInvoke: async (invocation, invoke) => {
        if (!this.open && invocation.handler.startsWith('workflow/')) {
          this.held++;
          await new Promise<void>((resolve) => this.waiting.push(resolve));
        }
        return invoke();
      },
    };
  }
  close(): void {
    this.open = false;
  }
  release(): void {
    this.open = true;
    for (const wake of this.waiting.splice(0)) wake();
  }
}

async function measured(
  operation: 'file' | 'read',
  concurrency: number,
  work: () => Promise<LoadResult>,
): Promise<{ figures: LatencyFigures; result: LoadResult }> {
  const loop = performance.eventLoopUtilization();
  const result = await work();
  const busy = performance.eventLoopUtilization(loop).active;
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
    },
  };
}

async function timedSettle(runtime: LocalRuntime): Promise<number> {
  const t0 = performance.now();
  await runtime.settle();
  return round(performance.now() - t0);
}

const gate = new WorkflowGate();
const runtime = await startLocalRuntime({ clock: new ManualClock('2025-11-24T02:00:00.000Z'), port: 0, hooks: gate.hooks() });
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
    const hold = values['hold-workflow'] === true;
    progress(`profiling ${filings} filings at 16 in flight${hold ? ', workflow held' : ''}`);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    if (hold) gate.close();
    await session.post('Profiler.start');
    const run = await file(filings, 16);
    // Without the hold, the burst is not over until the workflows it started have parked.
    if (!hold) await runtime.settle();
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    gate.release();
    await runtime.settle();
    if (values['profile-out']) await writeFile(values['profile-out'], JSON.stringify(profile));
    progress(`p99 ${round(percentile(run.latencies, 99))} ms`);
  } else {
    const results: LatencyFigures[] = [];
    const report = (f: LatencyFigures) =>
      progress(`${f.operation} x${f.concurrency}: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.throughputPerSecond}/s`);
    for (const concurrency of levels) {
      const { figures } = await measured('file', concurrency, () => file(filings, concurrency));
      results.push({ ...figures, settleMs: await timedSettle(runtime) });
      report(results.at(-1)!);
    }
    for (const concurrency of levels) {
      const { figures } = await measured('read', concurrency, () => client.run({ kind: 'read', baseUrl, count: reads, concurrency, targets: filed }));
      results.push(figures);
      report(figures);
    }

    gate.close();
    const { figures: held } = await measured('file', 16, () => file(filings, 16));
    const heldInvocations = gate.held;
    gate.release();
    const workflowHeld = { ...held, settleMs: await timedSettle(runtime), heldInvocations };
    progress(`workflow held: p50 ${workflowHeld.p50Ms} ms, p99 ${workflowHeld.p99Ms} ms, ${workflowHeld.throughputPerSecond}/s`);

    const result: LatencyResult = { levels: results, workflowHeld, node: process.version };
    if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
    else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
  }
} finally {
  await client.close();
  await runtime.stop();
}
