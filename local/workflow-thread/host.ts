/**
 * The main thread's handle on the workflow thread (./thread.ts): starts it,
 * keeps its timers on the runtime clock, answers for it (`idle`, the
 * introspection calls) and, if it ever dies, starts a new one on the same
 * port and hands it the open complaints again, as a restarted runtime does.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { DrivableClock } from '../clock.ts';
import { atMost, tsxExecArgv } from '../threads.ts';
import type { WorkflowHistoryEvent } from '../runtime-hooks.ts';
import type { LocalStepFunctions } from '../step-functions/local-step-functions.ts';
import type { HostMessage, ThreadCall, ThreadMessage, WorkflowThreadData } from './protocol.ts';
import { TimerService, publishClock } from './shared-clock.ts';

export interface WorkflowThreadOptions {
  clock: DrivableClock;
  host: '127.0.0.1';
  region: string;
  accountId: string;
  stateMachineName: string;
  stateMachineArn: string;
  log: (line: string) => void;
  traceWorkflow: boolean;
  onHistoryEvent?: (event: WorkflowHistoryEvent) => void;
  /** After a crash, once the new thread serves: start the executions of the open complaints again. */
  resume: () => Promise<void>;
}

/** A call the thread could not answer because it ended first. */
export class WorkflowThreadEnded extends Error {
  override readonly name = 'WorkflowThreadEnded';
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Api = Pick<LocalStepFunctions, 'startExecution' | 'listExecutions' | 'describeExecution'>;

export class WorkflowThread {
  url = '';
  /** How many times the thread died and was replaced. */
  restarts = 0;
  private worker: Worker | undefined;
  private readonly clockBuffer: SharedArrayBuffer;
  private timers: TimerService | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextCallId = 1;
  private environment: Record<string, string> = {};
  private stopping = false;
  /** Settles when a replacement thread serves again (resolved while none is needed). */
  private replacement: Promise<void> = Promise.resolve();

  private constructor(private readonly options: WorkflowThreadOptions) {
    this.clockBuffer = publishClock(options.clock);
  }

  static async start(options: WorkflowThreadOptions): Promise<WorkflowThread> {
    const thread = new WorkflowThread(options);
    await thread.spawn(0);
    return thread;
  }

  /** Environment variables for the handlers, before the first of them loads (and for every replacement). */
  async configure(environment: Record<string, string>): Promise<void> {
    this.environment = { ...this.environment, ...environment };
    await this.call({ method: 'environment', environment });
  }

  readonly startExecution: Api['startExecution'] = (input) =>
    this.call({ method: 'startExecution', input }) as ReturnType<Api['startExecution']>;
  readonly listExecutions: Api['listExecutions'] = (input) =>
    this.call({ method: 'listExecutions', input }) as ReturnType<Api['listExecutions']>;
  readonly describeExecution: Api['describeExecution'] = (input) =>
    this.call({ method: 'describeExecution', input }) as ReturnType<Api['describeExecution']>;
  openTasks(): Promise<ReturnType<LocalStepFunctions['openTasks']>> {
    return this.call({ method: 'openTasks' }) as Promise<ReturnType<LocalStepFunctions['openTasks']>>;
  }

  /** The thread's event-loop utilization, as `performance.eventLoopUtilization` measures this one's. */
  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    const worker = this.worker;
    if (!worker) return since ?? { idle: 0, active: 0, utilization: 0 };
    return since ? worker.performance.eventLoopUtilization(since) : worker.performance.eventLoopUtilization();
  }

  /** The thread's memory as it measures it itself (after a full collection when it can). */
  memory(): Promise<NodeJS.MemoryUsage> {
    return this.call({ method: 'memory' }) as Promise<NodeJS.MemoryUsage>;
  }

  /** Every execution parked or finished; through a crash, once the replacement has taken the open complaints back. */
  async idle(): Promise<void> {
    for (;;) {
      await this.replacement;
      try {
        await this.call({ method: 'idle' });
        return;
      } catch (error) {
        if (!(error instanceof WorkflowThreadEnded)) throw error;
      }
    }
  }

  /** Ends the thread as a crash would (for the tests of crash safety); a replacement starts at once. */
  async crash(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await worker.terminate();
    await this.replacement;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    // Closing aborts every execution in the thread.
    await atMost(5_000, this.call({ method: 'close' }).catch(() => undefined));
    // Handler modules keep SDK sockets open, so the thread would not end by itself.
    await worker.terminate();
  }

  private call(call: ThreadCall): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new WorkflowThreadEnded('the workflow thread is not running'));
    const id = this.nextCallId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, call } satisfies HostMessage);
    });
  }

  private spawn(port: number): Promise<void> {
    const data: WorkflowThreadData = {
      host: this.options.host,
      port,
      region: this.options.region,
      accountId: this.options.accountId,
      stateMachineName: this.options.stateMachineName,
      stateMachineArn: this.options.stateMachineArn,
      clockBuffer: this.clockBuffer,
      environment: this.environment,
      traceWorkflow: this.options.traceWorkflow,
      forwardHistory: this.options.onHistoryEvent !== undefined,
    };
    const worker = new Worker(new URL('./thread.ts', import.meta.url), { workerData: data, execArgv: tsxExecArgv() });
    const timers = new TimerService(this.options.clock, (notice) => worker.postMessage(notice satisfies HostMessage));
    this.worker = worker;
    this.timers = timers;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      let failure: Error | undefined;
      worker.on('message', (message: ThreadMessage) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            this.url = message.url;
            resolve();
            return;
          case 'timer':
          case 'cancel-timer':
            timers.handle(message);
            return;
          case 'reply': {
            const waiting = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (!waiting) return;
            if (message.error) waiting.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
            else waiting.resolve(message.value);
            return;
          }
          case 'log':
            this.options.log(message.line);
            return;
          case 'history':
            this.options.onHistoryEvent?.(message.event);
            return;
        }
      });
      worker.on('error', (error: Error) => {
        failure = error;
      });
      worker.once('exit', (code) => {
        timers.cancelAll();
        if (this.worker === worker) this.worker = undefined;
        const ended = new WorkflowThreadEnded(`the workflow thread ended (exit code ${code})${failure ? `: ${failure.message}` : ''}`);
        for (const waiting of this.pending.values()) waiting.reject(ended);
        this.pending.clear();
        if (!ready) {
          reject(failure ?? ended);
          return;
        }
        if (!this.stopping) this.replace(ended);
      });
    });
  }

  private replace(ended: WorkflowThreadEnded): void {
    this.restarts++;
    this.options.log(`${ended.message}; starting a new one and resuming the open complaints`);
    this.replacement = (async () => {
      // Same port: the API handlers' SDK clients know this endpoint.
      const port = Number(new URL(this.url).port);
      for (let attempt = 1; ; attempt++) {
        try {
          await this.spawn(port);
          break;
        } catch (error) {
          // The dead thread's listening socket may take a moment to be released.
          if (attempt >= 20 || !/EADDRINUSE/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await this.options.resume();
    })().catch((error: unknown) => {
      this.options.log(`the workflow thread could not be replaced: ${(error as Error).message}`);
    });
  }
}
