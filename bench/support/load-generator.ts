/**
 * A closed-loop HTTP client on its own thread, so the requests it makes and
 * the answers it parses do not take CPU from the runtime under measurement
 * (which serves everything on one event loop).
 */
import { Worker } from 'node:worker_threads';

export interface LoadJob {
  kind: 'file' | 'read';
  baseUrl: string;
  count: number;
  concurrency: number;
  /** Filing: numbers the customers, so every complaint is a new one. */
  firstIndex?: number;
  /** Filing: prefix of the customer ids and email addresses. */
  tag?: string;
  /** Reading: the cases to read, round robin. */
  targets?: FiledCase[];
}

export interface FiledCase {
  id: string;
  accessToken: string;
}

export interface LoadResult {
  /** Milliseconds, ascending. */
  latencies: number[];
  failures: number;
  seconds: number;
  filed: FiledCase[];
}

// Plain JavaScript: the worker runs without the TypeScript loader.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const filingBody = (tag, n) => {
  const zh = n % 2 === 0;
  return {
    customer: { id: tag + '-' + n, name: zh ? '测试客户' : 'Bench Customer', email: tag + '-' + n + '@bench.example', locale: zh ? 'zh-CN' : 'en' },
    channel: 'web',
    category: 'logistics',
    subject: zh ? '订单 SO-' + n + ' 的包裹晚到三天' : 'Parcel for order SO-' + n + ' is three days late',
    description: zh ? '包裹比承诺晚到三天，客服一直没有回复。' : 'The parcel arrived three days late and nobody answered.',
  };
};
parentPort.on('message', async (job) => {
  const latencies = [];
  const filed = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, async () => {
    while (next < job.count) {
      const i = next++;
      const t0 = performance.now();
      let status = 599;
      try {
        if (job.kind === 'file') {
          const response = await fetch(job.baseUrl + '/complaints', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(filingBody(job.tag || 'bench', job.firstIndex + i)),
          });
          const answer = await response.json();
          status = response.status;
          if (answer.id && answer.accessToken) filed.push({ id: answer.id, accessToken: answer.accessToken });
        } else {
          const target = job.targets[i % job.targets.length];
          const response = await fetch(job.baseUrl + '/complaints/' + target.id, { headers: { authorization: 'Bearer ' + target.accessToken } });
          await response.arrayBuffer();
          status = response.status;
        }
      } catch {}
      latencies.push(performance.now() - t0);
      if (status >= 300) failures++;
    }
  }));
  parentPort.postMessage({ latencies: latencies.sort((a, b) => a - b), failures, seconds: (performance.now() - started) / 1000, filed });
});
`;

export class LoadGenerator {
  private readonly worker = new Worker(workerSource, { eval: true });
  private nextIndex = 0;

  run(job: Omit<LoadJob, 'firstIndex'>): Promise<LoadResult> {
    const firstIndex = this.nextIndex;
    if (job.kind === 'file') this.nextIndex += job.count;
    return new Promise<LoadResult>((resolve, reject) => {
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('error', reject);
        resolve(result);
      });
      this.worker.once('error', reject);
      this.worker.postMessage({ ...job, firstIndex });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
