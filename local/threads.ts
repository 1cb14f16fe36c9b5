import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A thread of the local runtime loads TypeScript as `npm start` does, with
 * tsx, whatever loaded this module (vitest has its own loader). V8 flags such
 * as --expose-gc are the process's and reach a thread without being passed
 * (Node refuses them in a Worker's execArgv).
 */
export function tsxExecArgv(): string[] {
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

/**
 * With --expose-gc (the memory bench) only: the collection V8 makes under
 * memory pressure, which also compacts and gives emptied pages back, so a
 * thread's memory is measured as what it keeps.
 */
export function collectFully(): void {
  (globalThis as { gc?: (options?: object) => void }).gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** Waits for `work`, or `ms` real milliseconds if it takes longer: a thread too busy to answer is ended anyway. */
export async function atMost(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Stops accepting, drops keep-alive and in-flight sockets, resolves when closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
