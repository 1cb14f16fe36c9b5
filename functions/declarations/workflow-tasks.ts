import { reviewHour } from '../domain/reports/monthly-review.ts';
/**
 * Each `${Substitution}` of statemachines/complaint.asl.json maps to one
 * handler. CDK passes the function's ARN for it; the local runtime passes the
 * in-process handler. test/infra checks both sides against the ASL.
 */
export interface WorkflowTaskDeclaration {
  substitution: string;
  handler: string;
  functionName: string;
}

export const workflowTasks = [
  { substitution: 'TriageComplaintFunctionArn', handler: 'workflow/triage-complaint', functionName: 'TriageComplaint' },
  {
    substitution: 'SendAcknowledgementFunctionArn',
    handler: 'workflow/send-acknowledgement',
    functionName: 'SendAcknowledgement',
  },
  { substitution: 'PlanNextStepFunctionArn', handler: 'workflow/plan-next-step', functionName: 'PlanNextStep' },
  { substitution: 'AwaitStepFunctionArn', handler: 'workflow/await-step', functionName: 'AwaitStep' },
  {
    substitution: 'EscalateComplaintFunctionArn',
    handler: 'workflow/escalate-complaint',
    functionName: 'EscalateComplaint',
  },
  { substitution: 'WarnStaffFunctionArn', handler: 'workflow/warn-staff', functionName: 'WarnStaff' },
  {
    substitution: 'ExpireInfoRequestFunctionArn',
    handler: 'workflow/expire-info-request',
    functionName: 'ExpireInfoRequest',
  },
  { substitution: 'NotifyCustomerFunctionArn', handler: 'workflow/notify-customer', functionName: 'NotifyCustomer' },
  { substitution: 'CloseComplaintFunctionArn', handler: 'workflow/close-complaint', functionName: 'CloseComplaint' },
  { substitution: 'RecordFailureFunctionArn', handler: 'workflow/record-failure', functionName: 'RecordFailure' },
] as const satisfies readonly WorkflowTaskDeclaration[];

export const scheduledTasks = [
  {
    handler: 'schedule/send-surveys',
    functionName: 'SendSurveys',
    /** EventBridge rate expression; the local runtime reads the same value. */
    everyMinutes: 60,
    description: 'Send due satisfaction surveys',
    failedRunsRemedy:
      'Surveys stay due until sent, so the next run retries them; read the messages (the error is in the destination record) and the SendSurveys logs for the cause.',
  },
  {
    handler: 'schedule/start-missed-workflows',
    functionName: 'StartMissedWorkflows',
    /**
     * A complaint's deadlines are fixed at filing and its workflow plans from
     * them, so a start an hour late misses nothing: the first instant ahead is
     * the 75 % warning, 18 hours in at the tightest (VIP).
     */
    everyMinutes: 60,
    description: 'Start the workflow of any complaint whose StartExecution failed at filing',
    failedRunsRemedy:
      'Such complaints stay in the awaitingTriage index until their workflow starts, so the next run retries them; read the messages and the StartMissedWorkflows logs for the cause.',
  },
  {
    handler: 'schedule/send-monthly-review',
    functionName: 'SendMonthlyReview',
    /**
     * An EventBridge Scheduler cron at this hour in the desk's time zone, every
     * day: the function itself knows which day is the month's first working
     * day, by the business calendar a cron expression cannot read.
     */
    dailyAtHour: reviewHour,
    description: "Store settled report months; on a month's first working day, send last month's review",
    failedRunsRemedy:
      "The review stays due for the rest of the month and the next day's run sends it to the recipients not yet sent it; read the messages and the SendMonthlyReview logs for the cause (SES, a recipient's address).",
  },
] as const;

export const workflowDefinitionFile = 'statemachines/complaint.asl.json';
