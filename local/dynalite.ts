/**
 * The local DynamoDB: dynalite, made a string store that closes its reads
 * (below), serving on 127.0.0.1. It runs on a thread of its own
 * (./dynalite-thread.ts, started by ./engines.ts), so the HTTP front and the
 * workflow thread do not wait for it on their own event loops.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type dynalite from 'dynalite';
import { closeServer } from './threads.ts';

export async function startDynaliteServer(host: string, port: number, path: string | undefined): Promise<{ endpoint: string; close(): Promise<void> }> {
  if (path !== undefined) {
    await mkdir(path, { recursive: true });
    await checkLevelDbOpens(path);
  }
  const server = dynaliteWithStringStore()({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path === undefined ? {} : { path }) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const endpoint = `http://${host}:${(server.address() as AddressInfo).port}`;
  const close = () => closeServer(server);
  try {
    // LevelDB opens lazily: make it open now, so a locked or unreadable data
    // directory fails here rather than on the first request of a handler.
    await dynaliteProbe(endpoint);
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  return { endpoint, close };
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

