import type { Complaint } from '#domain/complaint.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { linkSigningKey } from '#adapters/link-signing-key.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { signLinkToken } from '#adapters/tokens.ts';

/**
 * The case as its customer follows it, with the survey link the email
 * carried (signed again from the same claims, so it is the same link) for a
 * status page to offer the survey beside the case.
 */
export async function viewCustomerCase(complaintId: string): Promise<{
  complaint: Complaint;
  timeline: TimelineEvent[];
  surveyToken?: string;
}> {
  const { complaint, timeline } = await loadCase(complaintId);
  if (!complaint.surveySentAt || !complaint.surveyLink) return { complaint, timeline };
  const surveyToken = signLinkToken(await linkSigningKey(), {
    purpose: 'survey',
    complaintId: complaint.id,
    expiresAt: new Date(complaint.surveyLink.expiresAt),
    accessRevision: complaint.surveyLink.accessRevision,
  });
  return { complaint, timeline, surveyToken };
}
