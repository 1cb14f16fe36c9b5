import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import type { Clock } from '#domain/clock.ts';
import { currentClock } from '#adapters/clock.ts';
import { logger } from '#adapters/logger.ts';
import { withOwnStoreMemory } from '#adapters/stores/store-memory.ts';

export { logger } from '#adapters/logger.ts';

export class InvalidStepInputError extends Error {
  override readonly name = 'InvalidStepInput';
}

/**
 * A workflow step: its payload comes from the state machine and is validated
 * like any outside input; a thrown error fails the Task, where the ASL retries
 * it or routes it to RecordFailure.
 */
export function workflowStep<S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>, clock: Clock) => Promise<R>) {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new InvalidStepInputError(z.prettifyError(parsed.error));
      const complaintId = (parsed.data as { complaintId?: unknown }).complaintId;
      if (typeof complaintId === 'string') logger.appendKeys({ complaintId });
      return withOwnStoreMemory(() => run(parsed.data, currentClock()));
    });
}

export const ComplaintRef = z.object({ complaintId: z.string().min(1) });
