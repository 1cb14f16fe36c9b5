import { addDays } from '#domain/business-calendar.ts';
import type { Clock } from '#domain/clock.ts';
import { kpiFigures } from '#domain/reports/kpi.ts';
import { previousMonth } from '#domain/reports/local-dates.ts';
import {
  type ReviewPeriod,
  reviewHeadlines,
  reviewPeriodOf,
  reviewedMonthAt,
  topRootCauses,
  worstBreaches,
} from '#domain/reports/monthly-review.ts';
import { type MonthlyReview, monthlyReviewEmail } from '#domain/reports/review-email.ts';
import { reviewTargetsOf } from '#domain/sla-policy.ts';
import { deskCalendar, operationalCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { rootCausesClosedBetween } from '#adapters/stores/case-library.ts';
import {
  claimMonthlyReview,
  markMonthlyReviewSent,
  recordReviewRecipient,
  releaseMonthlyReview,
} from '#adapters/stores/monthly-reviews.ts';
import { breachesOf } from './list-breaches.ts';
import { readReportCohort } from './read-report-cohort.ts';

/** Longer than a run may take (the function's 5-minute timeout): two runs never hold it at once. */
const claimLeaseMs = 10 * 60 * 1000;

export interface MonthlyReviewRun {
  clock: Clock;
  recipients: readonly string[];
  /** Where the desk is served: the review links to the report there. */
  baseUrl: string;
  /** This run's own id (the Lambda request id): the claim it holds. */
  runId: string;
}

export type MonthlyReviewOutcome =
  | { review: 'not-due' }
  | { review: 'no-recipients'; month: string }
  | { review: 'already-sent'; month: string; sentAt: string }
  | { review: 'in-progress'; month: string; leaseUntil: string }
  | { review: 'sent'; month: string; sentTo: string[]; failed: string[] };

/** The review of a month as it stands at `now`: the month, the month before, its breaches and root causes. */
export async function composeMonthlyReview(period: ReviewPeriod, now: Date, baseUrl: string): Promise<MonthlyReview> {
  const calendar = await deskCalendar();
  const before = reviewPeriodOf(previousMonth(period.month));
  const [rows, previousRows, causes] = await Promise.all([
    readReportCohort(period, now, calendar),
    readReportCohort(before, now, calendar),
    rootCausesClosedBetween(
      calendar.startOfLocalDay(period.from).toISOString(),
      calendar.startOfLocalDay(addDays(period.to, 1)).toISOString(),
    ),
  ]);
  const policy = slaPolicy();
  const breaches = breachesOf(rows);
  const query = `from=${period.from}&to=${period.to}`;
  return {
    month: period.month,
    previousMonth: before.month,
    timeZone: calendar.timeZone,
    deadlines: {
      firstResponseHours: policy.defaults.firstResponseHours,
      resolutionWorkingDays: policy.defaults.resolutionWorkingDays,
    },
    headlines: reviewHeadlines(kpiFigures(rows), kpiFigures(previousRows), reviewTargetsOf(policy)),
    breachCount: breaches.length,
    worstBreaches: worstBreaches(breaches),
    casesClosed: causes.length,
    rootCauses: topRootCauses(causes),
    // The desk console's reports page on the same origin; the API route stays available to the CLI.
    reportUrl: `${baseUrl}/desk/reports?${query}&groupBy=category`,
    cliCommand: `npx closeloop report --from ${period.from} --to ${period.to} --api ${baseUrl}`,
  };
}

/**
 * The daily run's review step: on the first working day of a month (from
 * 09:00 desk time), last month's review to every recipient, once. The claim
 * makes a duplicated or retried run send nothing twice; a recipient whose
 * send failed is left for the retry, which the released claim lets in.
 */
export async function sendMonthlyReview(run: MonthlyReviewRun): Promise<MonthlyReviewOutcome> {
  const now = run.clock.now();
  // The operational calendar: a month of a year the data lacks still gets its review, on Monday to Friday.
  const month = reviewedMonthAt(now, await operationalCalendar());
  if (month === undefined) return { review: 'not-due' };
  if (run.recipients.length === 0) return { review: 'no-recipients', month };

  const claim = await claimMonthlyReview(month, run.runId, now, claimLeaseMs);
  if (claim.outcome === 'sent') return { review: 'already-sent', month, sentAt: claim.sentAt };
  if (claim.outcome === 'busy') return { review: 'in-progress', month, leaseUntil: claim.leaseUntil };

  const email = monthlyReviewEmail(await composeMonthlyReview(reviewPeriodOf(month), now, run.baseUrl));
  const sentTo: string[] = [];
  const failed: string[] = [];
  for (const recipient of run.recipients) {
    if (claim.alreadySentTo.includes(recipient)) continue;
    try {
      await sendEmail(recipient, email);
    } catch {
      failed.push(recipient);
      continue;
    }
    await recordReviewRecipient(month, run.runId, recipient);
    sentTo.push(recipient);
  }
  if (failed.length > 0) await releaseMonthlyReview(month, run.runId);
  else await markMonthlyReviewSent(month, run.runId, run.clock.now());
  return { review: 'sent', month, sentTo, failed };
}
