import { confirmResolution, decisionOnResolution } from '#domain/lifecycle/answer-and-resolve.ts';
import { confirmResolutionRoute } from '#contract/routes/confirm-resolution.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { assertConfirmationLink } from '../http/link-access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(confirmResolutionRoute)(
  async ({ params, body, clock }) => {
    const now = clock.now();
    const { complaint } = await mutateComplaint(params.id, (c) => confirmResolution(c, body, now));
    await wakeWorkflow(complaint);
    // Shaped from the decision, not the stored phase, so a repeat answers exactly as the first did.
    const { decision, decidedAt, phase, reopenCount } = decisionOnResolution(complaint)!;
    return { statusCode: 200, body: { id: complaint.id, decision, decidedAt, phase, reopenCount } };
  },
  { verifyLink: assertConfirmationLink },
);
