import { confirmResolution as confirm, decisionOnResolution } from '#domain/lifecycle/answer-and-resolve.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

export type ConfirmationAnswer = Parameters<typeof confirm>[1];

/** The customer accepts or rejects the proposed resolution. */
export async function confirmResolution(input: { complaintId: string; answer: ConfirmationAnswer; now: Date }) {
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => confirm(c, input.answer, input.now),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  // Shaped from the decision, not the stored phase, so a repeat answers exactly as the first did.
  const { decision, decidedAt, phase, reopenCount } = decisionOnResolution(complaint)!;
  return { id: complaint.id, decision, decidedAt, phase, reopenCount };
}
