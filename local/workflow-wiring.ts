import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflowDefinitionFile, workflowTasks } from '#declarations/workflow-tasks.ts';
import { invokeFunction } from './lambda-invocation.ts';
import type { InvocationHook } from './runtime-hooks.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const localRegion = 'eu-west-1';
export const localAccountId = '000000000000';

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export const localLambdaArn = (functionName: string) =>
  `arn:aws:lambda:${localRegion}:${localAccountId}:function:closeloop-${functionName}`;

export function lambdaContext(functionName: string) {
  return {
    functionName,
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 30_000,
    callbackWaitsForEmptyEventLoop: false,
  };
}

/**
 * Loads a handler module once, on first use (after the runtime has set the
 * environment). Every invocation goes through `aroundInvoke` when one is given.
 */
export function handlerLoader(aroundInvoke?: InvocationHook): (path: string) => Promise<LambdaHandler> {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (path) => {
    let loaded = cache.get(path);
    if (!loaded) {
      loaded = import(join(projectRoot, 'functions/handlers', `${path}.ts`)).then(
        (module: { handler: LambdaHandler }): LambdaHandler =>
          aroundInvoke
            ? (event, context) => aroundInvoke({ handler: path, event }, () => module.handler(event, context))
            : module.handler,
      );
      cache.set(path, loaded);
    }
    return loaded;
  };
}

/** The timeout lib/closed-loop-stateless-stack.ts gives every workflow function. */
export const workflowFunctionTimeoutMs = 30_000;

/**
 * How many workflow function invocations run at once. On AWS each runs in
 * its own instance; here they share one event loop, and with no limit a burst
 * of filings started thousands together, each so slow that it ran into its
 * function timeout and was retried (10,000 filings took 9 minutes to park).
 * An invocation waiting for a slot has not started, so its timeout has not
 * either, as with Lambda's own concurrency.
 */
export const workflowConcurrency = 16;

/** Runs at most `limit` of the works given to it at once, the rest in the order they came. */
export function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * The ASL with each `${Substitution}` replaced by a local function ARN, and the
 * in-process handler behind each ARN: the local counterpart of what CDK passes.
 * Each handler runs under its function timeout, as a deployed one does.
 */
export async function localWorkflow(
  loadHandler: (path: string) => Promise<LambdaHandler>,
  functionTimeoutMs = workflowFunctionTimeoutMs,
) {
  const substitutions = Object.fromEntries(workflowTasks.map((t) => [t.substitution, localLambdaArn(t.functionName)]));
  const definition = (await readFile(join(projectRoot, workflowDefinitionFile), 'utf8')).replace(
    /\$\{(\w+)\}/g,
    (whole, name: string) => substitutions[name] ?? whole,
  );
  const inSlot = concurrencyLimit(workflowConcurrency);
  const lambdas = Object.fromEntries(
    workflowTasks.map((task) => [
      localLambdaArn(task.functionName),
      async (payload: unknown) => {
        const handler = await loadHandler(task.handler);
        return inSlot(() => invokeFunction(task.functionName, handler, payload, functionTimeoutMs));
      },
    ]),
  );
  return { definition, lambdas };
}
