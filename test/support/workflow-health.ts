import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient, SendTaskHeartbeatCommand } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LocalStack } from './local-stack.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface WorkflowHealth {
  /** Executions still running, by name (the complaint id). */
  running: string[];
  /** Running, nothing in flight, and no task token open: nothing will ever move them. */
  stuck: string[];
  /** Executions that ended in FAILED, TIMED_OUT or ABORTED. */
  failed: string[];
}

/**
 * What the workflow engine holds once everything in flight has finished. An
 * execution waits only on a task token here (retries run on the real clock and
 * Wait states are not used), so a running one without an open token is stuck.
 */
export async function workflowHealth(stack: LocalStack): Promise<WorkflowHealth> {
  const { stepFunctions, stateMachineArn } = stack.runtime;
  await stack.runtime.settle();
  const all = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions.listExecutions({ stateMachineArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    all.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  const parked = new Set((await stepFunctions.openTasks()).map((t) => t.executionArn));
  const running = all.filter((e) => e.status === 'RUNNING');
  return {
    running: running.map((e) => e.name),
    stuck: running.filter((e) => !parked.has(e.executionArn)).map((e) => e.name),
    failed: all.filter((e) => e.status !== 'RUNNING' && e.status !== 'SUCCEEDED').map((e) => e.name),
  };
}

/**
 * Whether the task token stored on the complaint is one the engine still
 * waits on, asked as a client would (SendTaskHeartbeat answers TaskTimedOut or
 * TaskDoesNotExist for a token no task waits on). A stale token means the next
 * person's action would not wake the workflow.
 */
export async function storedWaitIsOpen(stack: LocalStack, complaintId: string): Promise<boolean | undefined> {
  const dynamodb = new DynamoDBClient({ endpoint: stack.runtime.endpoints.dynamodb, region: 'eu-west-1', credentials });
  const sfn = new SFNClient({ endpoint: stack.runtime.endpoints.stepFunctions, region: 'eu-west-1', credentials });
  try {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: 'closeloop-complaints',
        Key: { pk: { S: `COMPLAINT#${complaintId}` }, sk: { S: 'COMPLAINT' } },
        ConsistentRead: true,
      }),
    );
    const token = Item ? (unmarshall(Item) as { wait?: { taskToken: string } }).wait?.taskToken : undefined;
    if (!token) return undefined;
    try {
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      return true;
    } catch (error) {
      if (['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes((error as Error).name)) return false;
      throw error;
    }
  } finally {
    dynamodb.destroy();
    sfn.destroy();
  }
}
