import type { Complaint } from '#domain/complaint.ts';
import { customerView, type TimelineEvent } from '#domain/timeline.ts';

/** The case as its customer may see it: no owner ids, escalations or internal events. */
export function customerCase(complaint: Complaint, timeline: readonly TimelineEvent[], surveyToken?: string) {
  return {
    id: complaint.id,
    caseNumber: complaint.caseNumber,
    phase: complaint.phase,
    channel: complaint.channel,
    category: complaint.category,
    subject: complaint.subject,
    description: complaint.description,
    orderRef: complaint.orderRef,
    receivedAt: complaint.receivedAt,
    responseDueAt: complaint.responseDueAt,
    resolutionDueAt: complaint.resolutionDueAt,
    deadlinesProvisional: complaint.deadlinesProvisional !== undefined,
    firstRespondedAt: complaint.firstRespondedAt,
    resolution: complaint.resolution
      ? { resolution: complaint.resolution.resolution, compensation: complaint.resolution.compensation }
      : undefined,
    confirmationDueAt: complaint.confirmationDueAt,
    closedAt: complaint.closedAt,
    closeOutcome: complaint.closeOutcome,
    pendingInformationRequest: complaint.pause
      ? { question: complaint.pause.question, askedAt: complaint.pause.since, dueAt: complaint.pause.expiresAt }
      : undefined,
    survey:
      surveyToken && complaint.surveySentAt && complaint.surveyLink
        ? {
            token: surveyToken,
            sentAt: complaint.surveySentAt,
            // The link carries whole seconds: this is the instant it is refused from (410).
            expiresAt: new Date(Math.floor(Date.parse(complaint.surveyLink.expiresAt) / 1000) * 1000).toISOString(),
            answered: complaint.survey !== undefined,
          }
        : undefined,
    timeline: timeline.filter((e) => e.visibleToCustomer).map(customerView),
  };
}

/** Staff see everything except secrets: the access token hash and the workflow's task token. */
export function staffCase(complaint: Complaint, timeline: readonly TimelineEvent[]) {
  const { accessTokenHash: _hash, surveyLink: _link, wait, ...rest } = complaint;
  return {
    ...rest,
    wait: wait ? { kind: wait.kind, since: wait.since, until: wait.until } : undefined,
    timeline: timeline.map(({ complaintId: _id, key: _key, ...event }) => event),
  };
}
