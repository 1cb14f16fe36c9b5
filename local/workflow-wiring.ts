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
  const lambdas = Object.fromEntries(
    workflowTasks.map((task) => [
      localLambdaArn(task.functionName),
      async (payload: unknown) =>
        invokeFunction(task.functionName, await loadHandler(task.handler), payload, functionTimeoutMs),
    ]),
  );
  return { definition, lambdas };
}
