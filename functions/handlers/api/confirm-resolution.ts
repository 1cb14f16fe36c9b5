import { confirmResolution } from '#domain/lifecycle.ts';
import { confirmResolutionRoute } from '#contract/routes/confirm-resolution.ts';
import { mutateComplaint } from '#adapters/complaint-store.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { assertConfirmationLink } from '../http/link-access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(confirmResolutionRoute)(
  async ({ params, body, clock }) => {
    const now = clock.now();
    const { complaint } = await mutateComplaint(params.id, (c) => confirmResolution(c, body, now));
    await wakeWorkflow(complaint);
    return {
      statusCode: 200,
      body: {
        id: complaint.id,
        phase: complaint.phase,
        reopenCount: complaint.reopenCount,
      },
    };
  },
  { verifyLink: assertConfirmationLink },
);
