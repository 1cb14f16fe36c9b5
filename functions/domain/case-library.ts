import type { Complaint } from '#domain/complaint.ts';

export interface CaseLibraryEntry {
  complaintId: string;
  caseNumber: string;
  category: string;
  channel: string;
  tier: string;
  subject: string;
  rootCause: string;
  resolution: string;
  compensation?: string;
  tags: string[];
  outcome: string;
  escalationLevel: number;
  reopenCount: number;
  receivedAt: string;
  closedAt: string;
  survey?: { csat: number; nps: number };
}

/** What the desk keeps of a closed complaint to learn from: no customer contact data. */
export function caseLibraryEntry(complaint: Complaint): CaseLibraryEntry {
  if (complaint.phase !== 'CLOSED' || !complaint.closedAt || !complaint.closeOutcome) {
    throw new Error(`complaint ${complaint.id} is not closed`);
  }
  return {
    complaintId: complaint.id,
    caseNumber: complaint.caseNumber,
    category: complaint.category,
    channel: complaint.channel,
    tier: complaint.tier,
    subject: complaint.subject,
    rootCause: complaint.resolution?.rootCause ?? '',
    resolution: complaint.resolution?.resolution ?? '',
    ...(complaint.resolution?.compensation ? { compensation: complaint.resolution.compensation } : {}),
    tags: [complaint.category, complaint.channel, ...(complaint.reopenCount > 0 ? ['reopened'] : []), ...(complaint.escalationLevel > 0 ? [`escalated-L${complaint.escalationLevel}`] : [])],
    outcome: complaint.closeOutcome,
    escalationLevel: complaint.escalationLevel,
    reopenCount: complaint.reopenCount,
    receivedAt: complaint.receivedAt,
    closedAt: complaint.closedAt,
    ...(complaint.survey ? { survey: { csat: complaint.survey.csat, nps: complaint.survey.nps } } : {}),
  };
}
