import type { Complaint, ComplaintInput } from '#domain/complaint.ts';
import { DomainError } from '#domain/errors.ts';
import { fileComplaint as composeFiledComplaint, formatCaseNumber } from '#domain/filing.ts';
import { findRepeatOf, repeatWindowStart } from '#domain/repeat.ts';
import { triageComplaint } from '#domain/triage/index.ts';
import { triageSummary } from '#domain/triage-summary.ts';
import { deskCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyRecord,
  type IdempotencyRecord,
} from '#adapters/stores/idempotency.ts';
import { createComplaintThen, getComplaint } from '#adapters/stores/complaints.ts';
import { customerComplaintsSince } from '#adapters/stores/complaint-indexes.ts';
import { customerTier } from '#adapters/stores/customers.ts';
import { nextCaseSequence } from '#adapters/stores/case-numbers.ts';
import { canonicalHash, deriveAccessToken, hashToken, newSecretToken } from '#adapters/tokens.ts';
import { linkSigningKey } from '#adapters/link-signing-key.ts';
import { startComplaintWorkflow } from '#adapters/workflow.ts';
import { publishOperationsAlert } from '#adapters/alert-publisher.ts';
import { provisionalDeadlineAlert } from '#domain/messages.ts';
import { ulid } from 'ulid';
import { logger } from '#adapters/logger.ts';

const idempotencyWindowMs = 24 * 60 * 60 * 1000;

interface Identity {
  id: string;
  caseNumber: string;
  tokenSeed: string;
}

function answerOf(complaint: Complaint, accessToken: string) {
  return {
    id: complaint.id,
    caseNumber: complaint.caseNumber,
    phase: complaint.phase,
    responseDueAt: complaint.responseDueAt,
    resolutionDueAt: complaint.resolutionDueAt,
    deadlinesProvisional: complaint.deadlinesProvisional !== undefined,
    accessToken,
  };
}

async function idempotencyRecord(key: string, requestHash: string, now: Date): Promise<IdempotencyRecord> {
  const identity = await newIdentity(now);
  return {
    key,
    requestHash,
    complaintId: identity.id,
    caseNumber: identity.caseNumber,
    tokenSeed: identity.tokenSeed,
    expiresAt: Math.floor((now.getTime() + idempotencyWindowMs) / 1000),
  };
}

async function newIdentity(receivedAt: Date): Promise<Identity> {
  const localDate = (await deskCalendar()).localDateOf(receivedAt);
  return {
    id: ulid(receivedAt.getTime()),
    caseNumber: formatCaseNumber(localDate, await nextCaseSequence(localDate)),
    tokenSeed: newSecretToken(),
  };
}

export type FiledComplaintAnswer = ReturnType<typeof answerOf>;

/**
 * Files a complaint, once per Idempotency-Key. Every step is safe to repeat:
 * the complaint put is conditional, the execution is named after the
 * complaint, so a retry with the same key finishes whatever the first attempt
 * left undone and answers the same, and spends no case number.
 */
export async function fileComplaint(input: ComplaintInput, idempotencyKey: string | undefined, now: Date): Promise<FiledComplaintAnswer> {
  // The customer's tier and recent complaints do not depend on the idempotency step: read beside it, the caller
  // waits for one round trip instead of three (a replay spends two small reads for nothing). Handled at once so an
  // early answer (a replay, a 422) never leaves a rejection unobserved.
  const customerReads = Promise.all([customerTier(input.customer.id), customerComplaintsSince(input.customer.id, repeatWindowStart(now))]);
  customerReads.catch(() => undefined);
  let identity: Identity;
  if (!idempotencyKey) {
    identity = await newIdentity(now);
  } else {
    const requestHash = canonicalHash(input);
    // A retry finds the first attempt's record without spending a case number;
    // after the window the key is free and files a new complaint.
    const earlier = await findIdempotencyRecord(idempotencyKey, now);
    const claim: Awaited<ReturnType<typeof claimIdempotencyKey>> = earlier
      ? { claimed: false, existing: earlier }
      : await claimIdempotencyKey(await idempotencyRecord(idempotencyKey, requestHash, now), now);
    if (claim.claimed) {
      identity = {
        id: claim.record.complaintId,
        caseNumber: claim.record.caseNumber,
        tokenSeed: claim.record.tokenSeed,
      };
    } else {
      if (claim.existing.requestHash !== requestHash) {
        throw new DomainError(
          'unprocessable',
          'IdempotencyKeyReused',
          'this Idempotency-Key was already used with a different request body',
          { idempotencyKey },
        );
      }
      if (claim.existing.response) {
        const accessToken = deriveAccessToken(await linkSigningKey(), claim.existing.tokenSeed);
        return { ...(claim.existing.response as Omit<FiledComplaintAnswer, 'accessToken'>), accessToken };
      }
      identity = {
        id: claim.existing.complaintId,
        caseNumber: claim.existing.caseNumber,
        tokenSeed: claim.existing.tokenSeed,
      };
    }
  }

  const accessToken = deriveAccessToken(await linkSigningKey(), identity.tokenSeed);
  const triage = triageSummary(triageComplaint({ ...input, locale: input.customer.locale }));
  const [tier, recentComplaints] = await customerReads;
  const repeatOf = findRepeatOf(recentComplaints, triage.category.value, now, identity.id);
  const filed = composeFiledComplaint(input, {
    triage,
    ...(repeatOf ? { repeatOf } : {}),
    id: identity.id,
    caseNumber: identity.caseNumber,
    accessTokenHash: hashToken(accessToken),
    tier,
    receivedAt: now,
    calendar: await deskCalendar(),
    policy: slaPolicy(),
  });
  // Once the complaint is stored, its events, the workflow's start, the operations alert and the idempotency record's
  // answer do not wait on one another: the caller waits for one round trip after the put, not four.
  const { created, result: body } = await createComplaintThen(filed.complaint, filed.events, async (created) => {
    const complaint = created ? filed.complaint : ((await getComplaint(identity.id)) ?? filed.complaint);
    const body = answerOf(complaint, accessToken);
    const { accessToken: _notStored, ...stored } = body;
    await Promise.all([
      startWorkflowOrLeaveIt(complaint.id),
      created && complaint.deadlinesProvisional ? alertProvisionalDeadlines(complaint, complaint.deadlinesProvisional.missingYears) : undefined,
      idempotencyKey ? completeIdempotencyKey(idempotencyKey, stored) : undefined,
    ]);
    return body;
  });
  logger.info('complaint filed', { complaintId: body.id, caseNumber: body.caseNumber, created });
  return body;
}

async function startWorkflowOrLeaveIt(complaintId: string): Promise<void> {
  try {
    await startComplaintWorkflow(complaintId);
  } catch (error) {
    // The complaint is stored and accepted: answering 5xx now would make a
    // client without an Idempotency-Key file it twice. The hourly
    // start-missed-workflows run starts it from the awaitingTriage index.
    logger.error('workflow not started: left to the start-missed-workflows run', { complaintId, reason: (error as Error).name });
  }
}

async function alertProvisionalDeadlines(complaint: Complaint, missingYears: number[]): Promise<void> {
  // The metric filter behind the CloudWatch alarm matches this message.
  logger.error('deadline computed without the statutory calendar of a year: provisional', { complaintId: complaint.id, missingYears });
  await publishOperationsAlert(provisionalDeadlineAlert(complaint, missingYears));
}
