import { extendSdkClients, type SdkClient } from '#adapters/sdk-clients.ts';
import { dynamoItem } from './faults.ts';

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;
type Middleware = (next: Next, context: { commandName?: string }) => Next;
interface Stack {
  addRelativeTo(middleware: Middleware, options: Record<string, unknown>): void;
}

interface Armed {
  complaintId: string;
  held: (() => void)[];
  /** Settles when the first held write has been answered (either way). */
  firstDone: Promise<void>;
  markFirstDone: () => void;
}

/**
 * Makes two requests decide on the same version of a complaint, as two tabs
 * clicked at the same moment do: the first write of the complaint item is held
 * until the second one arrives (both have read and decided by then), then the
 * first goes through and the second follows once it is answered, so the second
 * meets the conditional-write conflict. Without the gate, in-process requests
 * are often served one after the other and the race is never run.
 */
export class WriteRace {
  private armed: Armed | undefined;
  private installed = false;
  /** Races run so far: a test asserts it, so a test whose writes never met proves nothing silently. */
  raced = 0;

  install(): this {
    if (this.installed) return this;
    this.installed = true;
    extendSdkClients((client: SdkClient) => {
      (client.middlewareStack as Stack).addRelativeTo(this.middleware, {
        relation: 'after',
        toMiddleware: 'retryMiddleware',
        name: 'closeloopWriteRace',
        override: true,
      });
    });
    return this;
  }

  /** The next two writes of this complaint's item race; the gate opens by itself after `timeoutMs` if no second write comes. */
  arm(complaintId: string, timeoutMs = 2000): void {
    let markFirstDone = () => undefined as void;
    const firstDone = new Promise<void>((resolve) => {
      markFirstDone = resolve;
    });
    const armed: Armed = { complaintId, held: [], firstDone, markFirstDone };
    this.armed = armed;
    setTimeout(() => {
      if (this.armed === armed) this.release();
    }, timeoutMs).unref();
  }

  private release(): void {
    const armed = this.armed;
    this.armed = undefined;
    armed?.held.splice(0).forEach((go) => go());
  }

  private readonly middleware: Middleware = (next, context) => async (args) => {
    const armed = this.armed;
    if (!armed || context.commandName !== 'PutItemCommand') return next(args);
    const item = dynamoItem(args.input);
    if (item.entity !== 'complaint' || item.id !== armed.complaintId) return next(args);
    if (armed.held.length === 0) {
      await new Promise<void>((resolve) => armed.held.push(resolve));
      try {
        return await next(args);
      } finally {
        armed.markFirstDone();
      }
    }
    this.raced++;
    this.release();
    await armed.firstDone;
    return next(args);
  };
}
