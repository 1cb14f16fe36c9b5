/**
 * Measures the local stack, not AWS: filing latency and throughput over HTTP,
 * and how long the workflow takes to escalate a backlog when 48 hours pass at
 * once. Benchmarks are not tests; they print figures for the notes.
 *
 *   npm run bench -- [--complaints 300] [--concurrency 16]
 */
import { parseArgs } from 'node:util';
import { ManualClock } from '#local/clock.ts';
import { startLocalRuntime } from '#local/runtime.ts';

const { values } = parseArgs({ options: { complaints: { type: 'string' }, concurrency: { type: 'string' } } });
const total = Number(values.complaints ?? 300);
const concurrency = Number(values.concurrency ?? 16);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const clock = new ManualClock('2025-11-24T02:00:00.000Z');
const runtime = await startLocalRuntime({ clock, port: 0 });
try {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const response = await fetch(`${runtime.url}/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
          body: JSON.stringify({
            customer: { id: `bench-${i % 97}`, name: '测试客户', email: `bench${i}@example.com`, locale: i % 2 ? 'en' : 'zh-CN' },
            channel: 'web',
            subject: `Bench complaint ${i}`,
            description: '包裹延误，客服未回复。The parcel is late and nobody answered.',
          }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 201) failures++;
      }
    }),
  );
  const filingSeconds = (performance.now() - started) / 1000;
  const settleStart = performance.now();
  await runtime.settle();
  const settleSeconds = (performance.now() - settleStart) / 1000;

  const escalationStart = performance.now();
  await clock.advanceBy(48 * 3600_000);
  await runtime.settle();
  const escalationSeconds = (performance.now() - escalationStart) / 1000;
  const published = await runtime.escalations.receive();

  latencies.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        complaints: total,
        concurrency,
        filing: {
          failures,
          throughputPerSecond: Number((total / filingSeconds).toFixed(1)),
          p50: ms(percentile(latencies, 50)),
          p95: ms(percentile(latencies, 95)),
          p99: ms(percentile(latencies, 99)),
        },
        workflowsParkedAfterSeconds: Number(settleSeconds.toFixed(2)),
        // Each complaint gets its 75 % warning (36 h) and its level-1 escalation (48 h) in this jump.
        staffAlertsWithin48h: { published: published.length, seconds: Number(escalationSeconds.toFixed(2)) },
        rssMiB: Math.round(memory.rss / 2 ** 20),
      },
      null,
      2,
    ),
  );
} finally {
  await runtime.stop();
}
