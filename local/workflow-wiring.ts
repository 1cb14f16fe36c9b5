import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflowDefinitionFile, workflowTasks } from '#declarations/workflow-tasks.ts';

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

/** Loads a handler module once, on first use (after the runtime has set the environment). */
export function handlerLoader(): (path: string) => Promise<LambdaHandler> {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (path) => {
    let loaded = cache.get(path);
    if (!loaded) {
      loaded = import(join(projectRoot, 'functions/handlers', `${path}.ts`)).then(
        (module: { handler: LambdaHandler }) => module.handler,
      );
      cache.set(path, loaded);
    }
    return loaded;
  };
}

/**
 * The ASL with each `${Substitution}` replaced by a local function ARN, and the
 * in-process handler behind each ARN: the local counterpart of what CDK passes.
 */
export async function localWorkflow(loadHandler: (path: string) => Promise<LambdaHandler>) {
  const substitutions = Object.fromEntries(workflowTasks.map((t) => [t.substitution, localLambdaArn(t.functionName)]));
  const definition = (await readFile(join(projectRoot, workflowDefinitionFile), 'utf8')).replace(
    /\$\{(\w+)\}/g,
    (whole, name: string) => substitutions[name] ?? whole,
  );
  const lambdas = Object.fromEntries(
    workflowTasks.map((task) => [
      localLambdaArn(task.functionName),
      async (payload: unknown) => (await loadHandler(task.handler))(payload, lambdaContext(task.functionName)),
    ]),
  );
  return { definition, lambdas };
}
