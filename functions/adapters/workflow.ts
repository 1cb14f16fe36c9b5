import type { Complaint } from '#domain/complaint.ts';
import { type WorkflowPlan, workflowPlan } from '#domain/sla-plan.ts';
import {
  ExecutionAlreadyExists,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { env, requireEnv } from './config.ts';
import { sdkClient } from './sdk-clients.ts';
import { operationalCalendar } from './desk-settings.ts';

/**
 * Both calls are safe to repeat (a start is named after the complaint, a
 * completed token answers TaskTimedOut), and each follows a change already
 * stored: one that gives up fails the request after the fact. So more
 * attempts than the SDK's default three.
 */
const sfn = sdkClient(new SFNClient({ maxAttempts: 6 }));

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

export async function completeWait(taskToken: string, output: WorkflowPlan): Promise<{ completed: boolean }> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return { completed: true };
  } catch (error) {
    if (finishedTaskErrors.has((error as Error).name)) return { completed: false };
    throw error;
  }
}

/**
 * Called after every change a person makes: the workflow, parked on a wait,
 * goes on with the plan made from the new state (the change may end the wait,
 * move a deadline or need an escalation published). A wait planned before the
 * change sees the new version itself (await-step), so no event is lost.
 */
export async function wakeWorkflow(complaint: Complaint, now: Date): Promise<void> {
  if (complaint.wait) await completeWait(complaint.wait.taskToken, await planFor(complaint, now));
}

/** The next plan for a complaint as just stored: what a woken wait and every workflow step hand the state machine. */
export async function planFor(complaint: Complaint, now: Date): Promise<WorkflowPlan> {
  return workflowPlan(complaint, now, await operationalCalendar());
}
