import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '#adapters/logger.ts';
import type { Clock } from '#domain/clock.ts';
import type { Complaint } from '#domain/complaint.ts';
import { claimSurvey, markSurveySent } from '#domain/lifecycle/surveys.ts';
import { surveyEmail } from '#domain/messages.ts';
import { DomainError } from '#domain/errors.ts';
import { currentClock } from '#adapters/clock.ts';
import { env, requireEnv } from '#adapters/config.ts';
import { dueSurveyComplaintIds } from '#adapters/stores/complaint-indexes.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { putSurvey } from '#adapters/stores/surveys.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { linkSigningKey } from '#adapters/link-signing-key.ts';
import { hashToken, signLinkToken } from '#adapters/tokens.ts';

/** A survey answered a month later says little about the handling; past that the link is refused. */
const surveyLinkValidMs = 30 * 24 * 3600 * 1000;

/** Longer than one send takes, shorter than the hourly schedule: a crashed run's surveys go out next hour. */
const claimLeaseMs = 15 * 60 * 1000;

export class SurveysNotSentError extends Error {
  override readonly name = 'SurveysNotSent';
}

/**
 * Hourly: every closed complaint whose survey is due gets one survey email.
 * The claim is a conditional write, so an overlapping or retried run skips a
 * survey another run is sending or has sent. One survey that fails does not
 * hold back the others: its claim lapses and a later run sends it, and the
 * run still ends in an error so the schedule's retry and alarms see it.
 */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const clock = currentClock();
    const now = clock.now();
    const baseUrl = requireEnv(env.publicBaseUrl).replace(/\/+$/, '');
    let sent = 0;
    let skipped = 0;
    let failed = 0;
    for await (const complaintId of dueSurveyComplaintIds(now)) {
      let claimed;
      try {
        claimed = await mutateComplaint(complaintId, (c) => claimSurvey(c, clock.now(), claimLeaseMs), 1);
      } catch (error) {
        if (error instanceof DomainError || (error as Error).name === 'ConcurrentUpdateError') {
          skipped++;
        } else {
          failed++;
          logger.error('survey not claimed', { complaintId, error: (error as Error).name });
        }
        continue;
      }
      try {
        await sendSurvey(claimed.complaint, baseUrl, clock);
        sent++;
      } catch (error) {
        failed++;
        logger.error('survey not sent', { complaintId, error: (error as Error).name });
      }
    }
    // An hourly run with nothing due is the normal case; only runs that did something are worth a line.
    if (sent > 0 || skipped > 0 || failed > 0) logger.info('survey run', { sent, skipped, failed });
    if (failed > 0) throw new SurveysNotSentError(`${failed} due survey(s) not sent; a later run sends them`);
    return { sent, skipped };
  });

/** Link, survey record, email, then the mark that ends the claim. */
async function sendSurvey(complaint: Complaint, baseUrl: string, clock: Clock): Promise<void> {
  const complaintId = complaint.id;
  const link = { expiresAt: new Date(clock.now().getTime() + surveyLinkValidMs), accessRevision: complaint.accessRevision ?? 0 };
  const token = signLinkToken(await linkSigningKey(), { purpose: 'survey', complaintId, ...link });
  await putSurvey({ tokenHash: hashToken(token), complaintId, sentAt: clock.now().toISOString() });
  await sendEmail(complaint.customer.email, surveyEmail(complaint, `${baseUrl}/surveys/${token}`));
  await mutateComplaint(complaintId, (c) => markSurveySent(c, clock.now(), link));
}
