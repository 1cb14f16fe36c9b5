import type { Complaint } from '#domain/complaint.ts';
import { waitIsOver } from '#domain/lifecycle.ts';
import {
  ExecutionAlreadyExists,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { env, requireEnv } from './config.ts';

const sfn = new SFNClient({});

/** Errors that mean "this wait is already over": harmless for a late or repeated completion. */
const finishedTaskErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * One execution per complaint, named after it: a retried start with the same
 * input finds the running execution, and one already finished is not restarted.
 */
export async function startComplaintWorkflow(complaintId: string): Promise<{ started: boolean }> {
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: requireEnv(env.workflowArn),
        name: complaintId,
        input: JSON.stringify({ complaintId }),
      }),
    );
    return { started: true };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') {
      return { started: false };
    }
    throw error;
  }
}

export async function completeWait(taskToken: string, output: Record<string, unknown>): Promise<{ completed: boolean }> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return { completed: true };
  } catch (error) {
    if (finishedTaskErrors.has((error as Error).name)) return { completed: false };
    throw error;
  }
}

/**
 * Called after every change a person makes: if the workflow is parked on a wait
 * this change ended, complete it now. A wait registered after the change sees
 * the new phase itself (await-step), so no event is lost either way.
 */
export async function wakeWorkflowIfWaitOver(complaint: Complaint): Promise<void> {
  if (complaint.wait && waitIsOver(complaint, complaint.wait.kind)) {
    await completeWait(complaint.wait.taskToken, { phase: complaint.phase });
  }
}
