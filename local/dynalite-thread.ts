/** The local DynamoDB's own thread: started by ./engines.ts, serving until told to close. */
import { parentPort, workerData } from 'node:worker_threads';
import { startDynaliteServer } from './dynalite.ts';
import { collectFully } from './threads.ts';

export interface DynaliteThreadData {
  host: string;
  port: number;
  path: string | undefined;
}

export type DynaliteThreadMessage =
  | { type: 'ready'; endpoint: string }
  | { type: 'failed'; message: string }
  | { type: 'closed' }
  | { type: 'memory'; usage: NodeJS.MemoryUsage };

const port = parentPort;
if (!port) throw new Error('local/dynalite-thread.ts runs as a worker thread (see ./engines.ts)');
const { host, port: listenPort, path } = workerData as DynaliteThreadData;
const send = (message: DynaliteThreadMessage) => port.postMessage(message);

try {
  const server = await startDynaliteServer(host, listenPort, path);
  port.on('message', (request: 'close' | 'memory') => {
    if (request === 'memory') {
      collectFully();
      send({ type: 'memory', usage: process.memoryUsage() });
      return;
    }
    void server.close().finally(() => send({ type: 'closed' }));
  });
  send({ type: 'ready', endpoint: server.endpoint });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message });
}
