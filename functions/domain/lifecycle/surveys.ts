/**
 * The satisfaction survey after closure: sent once under a lease, answered once.
 */
import type { Complaint } from '#domain/complaint.ts';
import { DecisionAlreadyTakenError, DomainError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

export function claimSurvey(complaint: Complaint, now: Date, leaseMs: number): Transition {
  if (complaint.phase !== 'CLOSED' || !complaint.surveyDueAt || complaint.surveySentAt) {
    throw phaseConflict('send the survey of', complaint.phase);
  }
  if (complaint.surveyClaimedAt && now.getTime() - Date.parse(complaint.surveyClaimedAt) < leaseMs) {
    throw new DomainError('conflict', 'SurveyBeingSent', 'another run is sending this survey');
  }
  return advance(complaint, { surveyClaimedAt: iso(now) }, []);
}

export function markSurveySent(complaint: Complaint, now: Date, link?: { expiresAt: Date; accessRevision: number }): Transition {
  if (complaint.surveySentAt) return unchanged(complaint);
  const surveyLink = link ? { expiresAt: iso(link.expiresAt), accessRevision: link.accessRevision } : undefined;
  return advance(complaint, { surveySentAt: iso(now), ...(surveyLink ? { surveyLink } : {}) }, [
    newEvent(complaint.id, 'survey_sent', now, { kind: 'system' }, { to: 'customer' }),
  ]);
}

/** Answered once: the same answer sent again (two tabs, a retry) is answered as the first; other scores are refused. */
export function recordSurveyAnswer(
  complaint: Complaint,
  answer: { csat: number; nps: number; comment?: string },
  now: Date,
): Transition {
  const answered = complaint.survey;
  if (answered) {
    if (answered.csat === answer.csat && answered.nps === answer.nps && answered.comment === answer.comment) return unchanged(complaint);
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'survey' }, answered.answeredAt, complaint.timeZone),
      { decidedAt: answered.answeredAt },
      'SurveyAlreadyAnswered',
    );
  }
  return advance(complaint, { survey: { ...answer, answeredAt: iso(now) } }, [
    newEvent(complaint.id, 'survey_answered', now, { kind: 'customer', id: complaint.customer.id }, { ...answer }),
  ]);
}
