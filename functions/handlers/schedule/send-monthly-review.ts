import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '#adapters/logger.ts';
import { currentClock } from '#adapters/clock.ts';
import { env, reportRecipients, requireEnv } from '#adapters/config.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { sendMonthlyReview } from '#use-cases/send-monthly-review.ts';
import { settleReportMonths } from '#use-cases/read-report-cohort.ts';

export class MonthlyReviewNotSentError extends Error {
  override readonly name = 'MonthlyReviewNotSent';
}

/**
 * Daily at 09:00 desk time: store the snapshot of every month that has
 * settled, then send last month's review if today is the month's first
 * working day (or a later day of it, if that run failed).
 */
export const handler = middy<unknown, unknown, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (_event, context) => {
    const clock = currentClock();
    const settled = await settleReportMonths(clock.now(), await deskCalendar());
    if (settled.length > 0) logger.info('report months settled', { months: settled });
    const outcome = await sendMonthlyReview({
      clock,
      recipients: reportRecipients(),
      baseUrl: requireEnv(env.publicBaseUrl).replace(/\/+$/, ''),
      runId: context.awsRequestId,
    });
    if (outcome.review !== 'not-due') logger.info('monthly review', { ...outcome });
    if (outcome.review === 'sent' && outcome.failed.length > 0) {
      throw new MonthlyReviewNotSentError(
        `the review of ${outcome.month} was not sent to ${outcome.failed.length} recipient(s); a retry sends it`,
      );
    }
    return { settled, ...outcome };
  });
