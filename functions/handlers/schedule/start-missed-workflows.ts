import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '#adapters/logger.ts';
import { currentClock } from '#adapters/clock.ts';
import { complaintsAwaitingTriage } from '#adapters/stores/complaint-indexes.ts';
import { startComplaintWorkflow } from '#adapters/workflow.ts';

/** Longer than a started workflow takes to triage, even through its retries, so a healthy start is never repeated. */
const triageGraceMs = 10 * 60 * 1000;

/**
 * Hourly: a complaint accepted while Step Functions refused StartExecution
 * through every retry still gets its workflow. Starting is idempotent (the
 * execution is named after the complaint), so a workflow that did start is
 * untouched; one that ended without triaging is left to the stopped-executions
 * alarm.
 */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const receivedBefore = new Date(currentClock().now().getTime() - triageGraceMs);
    let started = 0;
    let alreadyStarted = 0;
    for await (const complaintId of complaintsAwaitingTriage(receivedBefore)) {
      if ((await startComplaintWorkflow(complaintId)).started) {
        started++;
        logger.warn('workflow started late: StartExecution had failed at filing', { complaintId });
      } else {
        alreadyStarted++;
      }
    }
    if (alreadyStarted > 0) logger.error('complaints not triaged although their workflow exists', { alreadyStarted });
    return { started, alreadyStarted };
  });
