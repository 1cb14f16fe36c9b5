/**
 * The local engines of `npm start` and of the integration tests, all in this
 * process and all on 127.0.0.1:
 *
 * - DynamoDB: dynalite (LevelDB; in memory, or on disk under `dataDir`).
 * - SES (v1 + v2 APIs): aws-ses-v2-local, whose `GET /` shows every email and
 *   whose `GET /store` lists them (see local/mailbox.ts).
 * - SNS + SQS: fauxqs, one endpoint for both (SNS delivers to SQS only).
 *
 * Every engine is quiet (no request logs) and `stop()` closes every server,
 * socket and store it opened, so the process can exit afterwards.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as sesLocal from 'aws-ses-v2-local';
import { buildApp } from 'fauxqs';
import { Worker } from 'node:worker_threads';
import type { DynaliteThreadData, DynaliteThreadMessage } from './dynalite-thread.ts';
import { atMost, closeServer, tsxExecArgv } from './threads.ts';

export interface LocalEngines {
  /** dynalite, e.g. http://127.0.0.1:PORT */
  dynamodbEndpoint: string;
  /** aws-ses-v2-local base URL (SES v1 + v2 API, `GET /store`). */
  sesEndpoint: string;
  /** aws-ses-v2-local's web page listing every email sent. */
  mailViewerUrl: string;
  /** fauxqs (same server as sqsEndpoint). */
  snsEndpoint: string;
  /** fauxqs (same server as snsEndpoint). */
  sqsEndpoint: string;
  /** Where dynalite keeps its LevelDB files; undefined when in memory. */
  dynamodbPath: string | undefined;
  /** Wall-clock start-up time of each engine, in ms (they start concurrently). */
  startupMs: { dynamodb: number; ses: number; sns: number };
  /** The DynamoDB thread's memory as it measures it itself (after a full collection with --expose-gc). */
  dynamodbMemory(): Promise<NodeJS.MemoryUsage>;
  /** Closes everything it started; idempotent. */
  stop(): Promise<void>;
}

export interface StartEnginesOptions {
  host?: '127.0.0.1';
  /** With a data directory DynamoDB lives on disk in `${dataDir}/dynamodb`, so a restart keeps data. */
  dataDir?: string;
  /** Fixed ports; 0 or absent means a random free port. SNS and SQS share one port. */
  ports?: { dynamodb?: number; ses?: number; sns?: number };
}

/** Region fauxqs falls back to when a request carries none (the SDK always signs one). */
const DEFAULT_REGION = 'eu-west-1';

interface Running {
  endpoint: string;
  ms: number;
  close(): Promise<void>;
}

interface RunningThread extends Running {
  memory(): Promise<NodeJS.MemoryUsage>;
}

export async function startEngines(opts: StartEnginesOptions = {}): Promise<LocalEngines> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`local engines bind 127.0.0.1 only, not ${String(host)}`);
  const dynamodbPath = opts.dataDir === undefined ? undefined : join(opts.dataDir, 'dynamodb');

  const settled = await Promise.allSettled([
    startDynalite(host, opts.ports?.dynamodb ?? 0, dynamodbPath),
    startSes(host, opts.ports?.ses ?? 0),
    startFauxqs(host, opts.ports?.sns ?? 0),
  ]);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.allSettled(started.map((r) => r.close()));
    throw failed.reason;
  }
  const [dynamo, ses, sns] = started as [RunningThread, Running, Running];

  let stopping: Promise<void> | undefined;
  return {
    dynamodbEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    mailViewerUrl: `${ses.endpoint}/`,
    snsEndpoint: sns.endpoint,
    sqsEndpoint: sns.endpoint,
    dynamodbPath,
    startupMs: { dynamodb: dynamo.ms, ses: ses.ms, sns: sns.ms },
    dynamodbMemory: () => dynamo.memory(),
    stop() {
      stopping ??= Promise.allSettled([dynamo.close(), ses.close(), sns.close()]).then((results) => {
        const bad = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (bad) throw bad.reason;
      });
      return stopping;
    },
  };
}

// ---------------------------------------------------------------- DynamoDB

/**
 * dynalite on a thread of its own (./dynalite-thread.ts): every DynamoDB call
 * of the API and the workflow handlers is answered there, off their event
 * loops. Its store is that thread's; a data directory keeps it on disk.
 */
async function startDynalite(host: string, port: number, path: string | undefined): Promise<RunningThread> {
  const t0 = performance.now();
  const thread = new Worker(new URL('./dynalite-thread.ts', import.meta.url), {
    workerData: { host, port, path } satisfies DynaliteThreadData,
    execArgv: tsxExecArgv(),
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    thread.once('message', (message: DynaliteThreadMessage) => {
      if (message.type === 'ready') resolve(message.endpoint);
      else reject(new Error(message.type === 'failed' ? message.message : 'the DynamoDB thread closed before it served'));
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the DynamoDB thread ended before it served (exit code ${code})`)));
  });
  let closing = false;
  thread.once('exit', (code) => {
    if (!closing) process.stderr.write(`the local DynamoDB thread ended (exit code ${code}); DynamoDB calls will fail until the runtime restarts\n`);
  });
  const close = once(async () => {
    closing = true;
    const closed = new Promise<void>((resolve) =>
      thread.on('message', (message: DynaliteThreadMessage) => {
        if (message.type === 'closed') resolve();
      }),
    );
    thread.postMessage('close');
    await atMost(5_000, closed);
    await thread.terminate();
  });
  const memory = () =>
    new Promise<NodeJS.MemoryUsage>((resolve) => {
      const answer = (message: DynaliteThreadMessage) => {
        if (message.type !== 'memory') return;
        thread.off('message', answer);
        resolve(message.usage);
      };
      thread.on('message', answer);
      thread.postMessage('memory');
    });
  return { endpoint, ms: performance.now() - t0, close, memory };
}

// ---------------------------------------------------------------- SES

type SesServerFactory = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

/** aws-ses-v2-local is CommonJS with `exports.default`: find the factory whichever interop we got. */
function sesFactory(): SesServerFactory {
  const mod = sesLocal as unknown as { default?: unknown };
  const candidates = [mod.default, (mod.default as { default?: unknown } | undefined)?.default];
  const factory = candidates.find((c): c is SesServerFactory => typeof c === 'function');
  if (!factory) throw new Error('aws-ses-v2-local: no server factory found');
  return factory;
}

async function startSes(host: string, port: number): Promise<Running> {
  const t0 = performance.now();
  const server = await sesFactory()({ host, port });
  if (!server.listening) await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const endpoint = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { endpoint, ms: performance.now() - t0, close: once(() => closeServer(server)) };
}

// ---------------------------------------------------------------- SNS + SQS

interface SqsStoreLike {
  host: string;
  region?: string;
}
type StoreCtor<T = object> = new () => T;

/**
 * fauxqs's own `startFauxqs()` listens on 0.0.0.0 and logs every request, so
 * we build its Fastify app ourselves (`logger: false`) and listen on 127.0.0.1.
 * Its SQS store names queues `http://sqs.<region>.localhost:PORT/...` by
 * default, a host Node cannot resolve here (and the SQS client sends requests
 * to a QueueUrl's host whenever `endpoint` comes from AWS_ENDPOINT_URL_SQS
 * rather than code). With `host = ''` the store uses the request's Host
 * header instead: `http://127.0.0.1:PORT/000000000000/<name>`. The store
 * classes are not in the package's exports map, so they are loaded by path.
 */
async function fauxqsStores(): Promise<{ sqsStore: SqsStoreLike; snsStore: object; s3Store: object }> {
  const require = createRequire(import.meta.url);
  const base = (require.resolve.paths('fauxqs') ?? [])
    .map((dir) => join(dir, 'fauxqs', 'dist'))
    .find((dir) => existsSync(join(dir, 'sqs', 'sqsStore.js')));
  if (base === undefined) throw new Error('fauxqs: dist/sqs/sqsStore.js not found');
  const load = async <T = object>(rel: string, name: string): Promise<StoreCtor<T>> => {
    const mod = (await import(pathToFileURL(join(base, rel)).href)) as Record<string, unknown>;
    const ctor = mod[name];
    if (typeof ctor !== 'function') throw new Error(`fauxqs: ${name} not found in ${rel}`);
    return ctor as StoreCtor<T>;
  };
  const [SqsStore, SnsStore, S3Store] = await Promise.all([
    load<SqsStoreLike>('sqs/sqsStore.js', 'SqsStore'),
    load('sns/snsStore.js', 'SnsStore'),
    load('s3/s3Store.js', 'S3Store'),
  ]);
  const sqsStore = new SqsStore();
  sqsStore.host = '';
  return { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() };
}

async function startFauxqs(host: string, port: number): Promise<Running> {
  const t0 = performance.now();
  const stores = await fauxqsStores();
  const app = buildApp({
    logger: false,
    defaultRegion: DEFAULT_REGION,
    stores: stores as unknown as NonNullable<Parameters<typeof buildApp>[0]>['stores'],
  });
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const endpoint = `http://${host}:${address.port}`;
  // fastify's close() also ends open sockets (forceCloseConnections) and the
  // SQS store's long-poll timers (preClose hook).
  return { endpoint, ms: performance.now() - t0, close: once(() => app.close()) };
}

// ---------------------------------------------------------------- helpers


function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
