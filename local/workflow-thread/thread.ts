/**
 * The workflow thread of the local runtime: the Step Functions emulator and
 * every workflow Lambda handler, on their own event loop (and core), so the
 * HTTP front answers requests while workflows run. It serves the same Step
 * Functions endpoint the API handlers call, reads the main thread's clock
 * (./shared-clock.ts) and reaches DynamoDB, SES and SNS over HTTP as before.
 * Started by ./host.ts; speaks the messages of ./protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useClock } from '#adapters/clock.ts';
import { LocalStepFunctions } from '../step-functions/local-step-functions.ts';
import { handlerLoader, localWorkflow } from '../workflow-wiring.ts';
import type { HostMessage, ThreadCall, ThreadMessage, WorkflowThreadData } from './protocol.ts';
import { SharedClock } from './shared-clock.ts';
import { collectFully } from '../threads.ts';

const port = parentPort;
if (!port) throw new Error('local/workflow-thread/thread.ts runs as a worker thread (see ./host.ts)');
const data = workerData as WorkflowThreadData;
const send = (message: ThreadMessage) => port.postMessage(message);

const clock = new SharedClock(data.clockBuffer, port);
// Workflow handlers read the time through the adapters' clock, as API handlers do on the main thread.
useClock(clock);
Object.assign(process.env, data.environment);

const { definition, lambdas } = await localWorkflow(handlerLoader());
const stepFunctions = new LocalStepFunctions({
  clock,
  region: data.region,
  accountId: data.accountId,
  stateMachines: [{ name: data.stateMachineName, arn: data.stateMachineArn, definition }],
  lambdas,
  ...(data.traceWorkflow ? { log: (line: string) => send({ type: 'log', line }) } : {}),
  ...(data.forwardHistory ? { onHistoryEvent: (event) => send({ type: 'history', event }) } : {}),
});

async function answer(call: ThreadCall): Promise<unknown> {
  switch (call.method) {
    case 'environment':
      Object.assign(process.env, call.environment);
      return undefined;
    case 'startExecution':
      return stepFunctions.startExecution(call.input);
    case 'listExecutions':
      return stepFunctions.listExecutions(call.input);
    case 'describeExecution':
      return stepFunctions.describeExecution(call.input);
    case 'openTasks':
      return stepFunctions.openTasks();
    case 'idle':
      return stepFunctions.idle();
    case 'memory':
      collectFully();
      return process.memoryUsage();
    case 'close':
      await stepFunctions.close();
      return undefined;
  }
}

port.on('message', (message: HostMessage) => {
  if (message.type === 'timer-fired') {
    clock.fired(message.id);
    return;
  }
  answer(message.call).then(
    (value) => send({ type: 'reply', id: message.id, value }),
    (error: unknown) => {
      const { name, message: text } = error instanceof Error ? error : new Error(String(error));
      send({ type: 'reply', id: message.id, error: { name, message: text } });
    },
  );
});

const url = await stepFunctions.listen(data.port, data.host);
send({ type: 'ready', url });
