import { loadComplaint } from '#adapters/stores/complaints.ts';
import { planFor } from '#adapters/workflow.ts';
import { ComplaintRef, workflowStep } from './workflow-step.ts';

/** Asked only when a wait times out: every other step, and every woken wait, hands the workflow its plan itself. */
export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => planFor(await loadComplaint(complaintId), clock.now()));
