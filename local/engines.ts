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
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as sesLocal from 'aws-ses-v2-local';
import { buildApp } from 'fauxqs';
import type dynalite from 'dynalite';

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
  const [dynamo, ses, sns] = started as [Running, Running, Running];

  let stopping: Promise<void> | undefined;
  return {
    dynamodbEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    mailViewerUrl: `${ses.endpoint}/`,
    snsEndpoint: sns.endpoint,
    sqsEndpoint: sns.endpoint,
    dynamodbPath,
    startupMs: { dynamodb: dynamo.ms, ses: ses.ms, sns: sns.ms },
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

async function startDynalite(host: string, port: number, path: string | undefined): Promise<Running> {
  const t0 = performance.now();
  if (path !== undefined) {
    await mkdir(path, { recursive: true });
    await checkLevelDbOpens(path);
  }
  const server = dynaliteWithStringStore()({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path === undefined ? {} : { path }) });
  await listen(server, port, host);
  const endpoint = `http://${host}:${(server.address() as AddressInfo).port}`;
  const close = once(() => closeServer(server));
  try {
    // LevelDB opens lazily: make it open now, so a locked or unreadable data
    // directory fails here rather than on the first request of a handler.
    await dynaliteProbe(endpoint);
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  return { endpoint, ms: performance.now() - t0, close };
}

type Dynalite = typeof dynalite;

export interface LevelIterator {
  next(): Promise<unknown>;
  close(): Promise<void>;
  return?: () => Promise<{ done: true; value: undefined }>;
}
export interface LevelReader {
  keys(options?: object): LevelIterator;
  values(options?: object): LevelIterator;
}

/**
 * dynalite reads a Query or Scan through an abstract-level iterator that it
 * never closes: its stream's destroy calls `iterator.return`, which
 * abstract-level iterators lack, and reaching the end does not close one. An
 * open iterator stays attached to the store and holds the whole tree as it
 * was when the iterator began, so every Query kept every item version written
 * after it alive (with 10,000 open complaints, most of the heap). Closed here
 * at its end, and by `return` when dynalite drops it early.
 */
function closedAtItsEnd(iterator: LevelIterator): LevelIterator {
  const next = iterator.next.bind(iterator);
  iterator.next = async () => {
    const value = await next();
    if (value === undefined) await iterator.close();
    return value;
  };
  iterator.return = async () => {
    await iterator.close();
    return { done: true, value: undefined };
  };
  return iterator;
}
let dynaliteModule: Dynalite | undefined;

/**
 * dynalite's in-memory store is memory-level with its default `storeEncoding:
 * 'buffer'`: every key and JSON value becomes a small Buffer, a slice of an
 * 8 KB pool slab that one long-lived slice keeps whole. With 10,000 open
 * complaints that was 131 KB of ArrayBuffers per complaint, for 4 KB of items.
 * dynalite takes no store options, so the MemoryLevel it will destructure at
 * load is given 'utf8' as its default first: keys and values are then plain
 * strings on the V8 heap. The order of keys stays that of their bytes for
 * everything but characters beyond the BMP (compared as UTF-16 units); our
 * keys are ASCII. The LevelDB store on disk (a data directory) is untouched.
 */
function dynaliteWithStringStore(): Dynalite {
  if (dynaliteModule) return dynaliteModule;
  dynaliteMemoryLevel();
  dynaliteModule = createRequire(import.meta.url)('dynalite') as Dynalite;
  return dynaliteModule;
}

/** The MemoryLevel class dynalite builds its in-memory store from, made a string store that closes its iterators. */
export function dynaliteMemoryLevel(): new (options?: Record<string, unknown>) => LevelReader {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const memoryLevel = fromDynalite('memory-level') as { MemoryLevel: new (options?: Record<string, unknown>) => LevelReader };
  const { MemoryLevel } = memoryLevel;
  if (!('closeloopStringStore' in MemoryLevel)) {
    class StringStoreMemoryLevel extends MemoryLevel {
      static closeloopStringStore = true;
      constructor(options?: Record<string, unknown>) {
        super({ storeEncoding: 'utf8', ...options });
      }
      override keys(options?: object): LevelIterator {
        return closedAtItsEnd(super.keys(options));
      }
      override values(options?: object): LevelIterator {
        return closedAtItsEnd(super.values(options));
      }
    }
    memoryLevel.MemoryLevel = StringStoreMemoryLevel;
  }
  return memoryLevel.MemoryLevel;
}

/**
 * dynalite opens LevelDB lazily, and when that fails (directory locked by
 * another engine or process, unreadable, corrupt) its requests hang and an
 * uncaught LEVEL_ITERATOR_NOT_OPEN error is thrown later. So open the store
 * once ourselves, with the same `level` dynalite uses, and fail here cleanly.
 */
async function checkLevelDbOpens(path: string): Promise<void> {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = fromDynalite('level') as {
    Level: new (location: string, options?: { valueEncoding?: string }) => {
      open(): Promise<void>;
      close(): Promise<void>;
    };
  };
  const db = new Level(path, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    throw new Error(
      `DynamoDB data directory ${path} cannot be opened (in use by another engine or process?): ${String(cause ?? err)}`,
      { cause: err },
    );
  }
  await db.close();
}

async function dynaliteProbe(endpoint: string): Promise<void> {
  const res = await fetch(endpoint, {
    signal: AbortSignal.timeout(10_000),
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20200101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'x-amz-date': '20200101T000000Z',
    },
    body: '{}',
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`dynalite did not start (${res.status}): ${text}`);
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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Stops accepting, drops keep-alive and in-flight sockets, resolves when closed. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
