/**
 * Bench-only SDK middleware on the clients our adapters create at module
 * scope (they are private to their modules, so the middleware is added the
 * first time each client sends, from the shared smithy `Client.send`):
 *
 * - DynamoDB: asks for `ReturnConsumedCapacity: TOTAL` on every command that
 *   supports it and sums the ConsumedCapacity answered; reads the item before
 *   and after each write where the request does not tell (with a client of
 *   its own, not metered) to compute the global secondary index writes and
 *   the units of refused conditional writes, which dynalite does not report.
 * - SES: emails sent. SNS: publishes and their 64 KB chunks.
 *
 * Everything is charged to the invocation scope the call runs in; calls
 * outside any invocation (the runtime's own set-up, the bench) are not counted.
 */
import {
  type AttributeValue,
  type ConsumedCapacity,
  DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type IndexKeys, type Item, indexWriteUnits, itemSize, writeUnits } from './capacity-units.ts';
import { type InvocationScope, activeScope } from './invocation-scope.ts';
import type { Usage } from './usage.ts';

interface MiddlewareContext {
  clientName?: string;
  commandName?: string;
}
type Handler = (args: { input: object }) => Promise<{ output: unknown }>;
type Middleware = (next: Handler, context: MiddlewareContext) => Handler;
interface MiddlewareStack {
  add(middleware: Middleware, options: { step: 'initialize' | 'build'; priority?: 'high' | 'low'; name: string }): void;
}
interface SmithyClient {
  middlewareStack: MiddlewareStack;
  send: (this: SmithyClient, ...args: unknown[]) => Promise<unknown>;
}

/** Commands whose input takes ReturnConsumedCapacity (DynamoDB API reference). */
const capacityCommands = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);
const singleItemWrites = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const readCommands = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems', 'ExecuteStatement']);

const operation = (context: MiddlewareContext) => ({
  service: (context.clientName ?? 'Unknown').replace(/Client$/, ''),
  command: (context.commandName ?? 'Unknown').replace(/Command$/, ''),
});

/** Runs one AWS call and notes when it was in flight, for the round trips one after another. */
async function inFlight<T>(scope: InvocationScope, call: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await call();
  } finally {
    scope.calls.push({ start, end: performance.now() });
  }
}

const count = (counts: Record<string, number>, name: string) => {
  counts[name] = (counts[name] ?? 0) + 1;
};

export interface SdkMeterOptions {
  dynamodbEndpoint: string;
  region: string;
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexKeys[];
  /** The partition-key prefix of a complaint's items, e.g. `COMPLAINT#`. */
  complaintPrefix: string;
}

export interface SdkMeter {
  /** Clients that got the middleware, by SDK client name. */
  meteredClients: Record<string, number>;
  uninstall(): void;
}

export function installSdkMeter(options: SdkMeterOptions): SdkMeter {
  const clientPrototype = Object.getPrototypeOf(DynamoDBClient.prototype) as SmithyClient;
  if (!Object.prototype.hasOwnProperty.call(clientPrototype, 'send')) {
    throw new Error('the SDK client base class has no send(): the SDK changed shape, update bench/support/sdk-meter.ts');
  }
  const originalSend = clientPrototype.send;
  const metered = new WeakSet<MiddlewareStack>();
  const unmetered = new WeakSet<MiddlewareStack>();
  const meteredClients: Record<string, number> = {};

  const images = new DynamoDBClient({
    endpoint: options.dynamodbEndpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  unmetered.add(images.middlewareStack as unknown as MiddlewareStack);

  const image = async (tableName: string, key: Item): Promise<Item | undefined> => {
    const started = performance.now();
    try {
      return (await images.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    } finally {
      const scope = activeScope();
      if (scope) scope.meteringMs += performance.now() - started;
    }
  };

  const keyOf = (command: string, input: Record<string, unknown>): Item | undefined => {
    const source = (command === 'PutItem' ? input.Item : input.Key) as Item | undefined;
    const pk = source?.[options.partitionKey];
    const sk = source?.[options.sortKey];
    return pk && sk ? { [options.partitionKey]: pk, [options.sortKey]: sk } : undefined;
  };

  const isCreateOnly = (condition: unknown) =>
    typeof condition === 'string' && condition.replace(/\s+/g, '') === `attribute_not_exists(${options.partitionKey})`;

  const complaintIdOf = (command: string, input: Record<string, unknown>): string | undefined => {
    const fromValue = (value: AttributeValue | undefined) =>
      value?.S?.startsWith(options.complaintPrefix) ? value.S.slice(options.complaintPrefix.length) : undefined;
    const key = keyOf(command, input);
    if (key) return fromValue(key[options.partitionKey]);
    if (command === 'Query' && input.IndexName === undefined) {
      const values = Object.values((input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>);
      for (const value of values) {
        const id = fromValue(value);
        if (id) return id;
      }
    }
    return undefined;
  };

  const addCapacity = (usage: Usage, command: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined) => {
    const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
      (total, c) => total + (c.CapacityUnits ?? 0),
      0,
    );
    if (readCommands.has(command)) usage.readUnits += units;
    else usage.writeUnits += units;
  };

  const meterDynamoDb = async (command: string, input: Record<string, unknown>, next: () => ReturnType<Handler>) => {
    const scope = activeScope()!;
    const complaintId = complaintIdOf(command, input);
    if (complaintId) scope.current = complaintId;
    const usage = scope.charge();
    count(usage.sdkCalls, `DynamoDB.${command}`);
    const tableName = typeof input.TableName === 'string' ? input.TableName : undefined;
    const key = singleItemWrites.has(command) && tableName ? keyOf(command, input) : undefined;
    const newItem = command === 'PutItem' ? (input.Item as Item) : undefined;
    // A put that only creates (our immutable events, idempotency records) had nothing before it when it succeeds,
    // and when refused finds the same item it tried to write, so it needs no read of its own.
    const createOnly = newItem !== undefined && isCreateOnly(input.ConditionExpression);
    const before = key && tableName && !createOnly ? await image(tableName, key) : undefined;
    try {
      const result = await next();
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      if (consumed === undefined && capacityCommands.has(command)) usage.unreportedCapacityCalls += 1;
      addCapacity(usage, command, consumed);
      if (key && tableName) {
        const after = command === 'DeleteItem' ? undefined : (newItem ?? (await image(tableName, key)));
        const index = indexWriteUnits(before, after, options.indexes);
        usage.indexWriteUnits += index.total;
        usage.indexWriteOperations += index.operations;
        usage.computedTableWriteUnits += writeUnits(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0));
      }
      return result;
    } catch (error) {
      if (key && (error as Error).name === 'ConditionalCheckFailedException') {
        // AWS bills a refused conditional write by the size of the stored item, at least one unit.
        const stored = createOnly ? newItem : before;
        usage.failedWrites += 1;
        usage.failedWriteUnits += writeUnits(stored ? itemSize(stored) : 0);
      }
      throw error;
    }
  };

  const addMiddleware = (stack: MiddlewareStack) => {
    stack.add(
      (next, context) => async (args) => {
        const { service, command } = operation(context);
        if (service !== 'DynamoDB' || !capacityCommands.has(command) || !activeScope()) return next(args);
        return next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
      },
      { step: 'initialize', priority: 'high', name: 'benchReturnConsumedCapacity' },
    );
    // At the build step a DocumentClient's input is already marshalled, so keys look the same for every client.
    stack.add(
      (next, context) => async (args) => {
        const scope = activeScope();
        if (!scope) return next(args);
        const { service, command } = operation(context);
        const input = args.input as Record<string, unknown>;
        if (service === 'DynamoDB') return meterDynamoDb(command, input, () => next(args));
        const usage = scope.charge();
        count(usage.sdkCalls, `${service}.${command}`);
        if (service === 'SESv2' && command === 'SendEmail') usage.emails += 1;
        if (service === 'SES' && (command === 'SendEmail' || command === 'SendRawEmail')) usage.emails += 1;
        if (service === 'SNS' && command === 'Publish') {
          usage.snsPublishes += 1;
          usage.snsPublishChunks += Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(input)) / 65_536));
        }
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'benchUsage' },
    );
  };

  clientPrototype.send = function send(this: SmithyClient, ...args: unknown[]) {
    const stack = this.middlewareStack;
    if (unmetered.has(stack)) return originalSend.apply(this, args);
    if (!metered.has(stack)) {
      metered.add(stack);
      addMiddleware(stack);
      const name = this.constructor.name;
      meteredClients[name] = (meteredClients[name] ?? 0) + 1;
    }
    const scope = activeScope();
    // In flight from the handler's send to its answer: calls sent together (a Promise.all) overlap
    // whatever the middleware does first, and the meter's own reads of the item before a write
    // only lengthen the call, never make two calls sent together look one after another.
    return scope ? inFlight<unknown>(scope, () => originalSend.apply(this, args)) : originalSend.apply(this, args);
  };

  return {
    meteredClients,
    uninstall: () => {
      clientPrototype.send = originalSend;
      images.destroy();
    },
  };
}
