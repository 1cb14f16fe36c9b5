import * as z from 'zod';
import { closeOutcomes } from '#domain/complaint.ts';
import { surveyDueAt } from '#domain/deadlines.ts';
import { close } from '#domain/lifecycle/answer-and-resolve.ts';
import { slaTargetsOf } from '#domain/sla-policy.ts';
import { caseLibraryEntry } from '#domain/case-library.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { putCaseLibraryEntry } from '#adapters/stores/case-library.ts';
import { planFor } from '#adapters/workflow.ts';
import { logger, workflowStep } from './workflow-step.ts';

const CloseInput = z.object({ complaintId: z.string().min(1), outcome: z.enum(closeOutcomes) });

/** The case is closed first, then written to the library; the library write is a full overwrite, safe to retry. */
export const handler = workflowStep(CloseInput, async ({ complaintId, outcome }, clock) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(complaintId, (c) => close(c, outcome, now, surveyDueAt(now, slaTargetsOf(c.policy))));
  await putCaseLibraryEntry(caseLibraryEntry(complaint));
  logger.info('closed', { complaintId, outcome: complaint.closeOutcome, surveyDueAt: complaint.surveyDueAt });
  return { complaintId, outcome: complaint.closeOutcome, plan: await planFor(complaint, now) };
});
