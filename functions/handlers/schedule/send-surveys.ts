import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { claimSurvey, markSurveySent } from '#domain/lifecycle.ts';
import { surveyEmail } from '#domain/messages.ts';
import { DomainError } from '#domain/errors.ts';
import { currentClock } from '#adapters/clock.ts';
import { env, requireEnv } from '#adapters/config.ts';
import { dueSurveyComplaintIds, mutateComplaint, putSurvey } from '#adapters/complaint-store.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';

const logger = new Logger({ serviceName: 'closeloop-surveys' });

/** Longer than one send takes, shorter than the hourly schedule: a crashed run's surveys go out next hour. */
const claimLeaseMs = 15 * 60 * 1000;

/**
 * Hourly: every closed complaint whose survey is due gets one survey email.
 * The claim is a conditional write, so an overlapping or retried run skips a
 * survey another run is sending or has sent.
 */
export const handler = middy().handler(async () => {
  const clock = currentClock();
  const now = clock.now();
  const baseUrl = requireEnv(env.publicBaseUrl).replace(/\/+$/, '');
  let sent = 0;
  let skipped = 0;
  for await (const complaintId of dueSurveyComplaintIds(now)) {
    let claimed;
    try {
      claimed = await mutateComplaint(complaintId, (c) => claimSurvey(c, clock.now(), claimLeaseMs), 1);
    } catch (error) {
      if (error instanceof DomainError || (error as Error).name === 'ConcurrentUpdateError') {
        skipped++;
        continue;
      }
      throw error;
    }
    const token = newSecretToken();
    await putSurvey({ tokenHash: hashToken(token), complaintId, sentAt: clock.now().toISOString() });
    await sendEmail(claimed.complaint.customer.email, surveyEmail(claimed.complaint, `${baseUrl}/surveys/${token}`));
    await mutateComplaint(complaintId, (c) => markSurveySent(c, clock.now()));
    sent++;
  }
  // An hourly run with nothing due is the normal case; only runs that did something are worth a line.
  if (sent > 0 || skipped > 0) logger.info('survey run', { sent, skipped });
  return { sent, skipped };
});
