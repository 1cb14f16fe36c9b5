import { similarCases } from '#domain/case-library.ts';
import type { Complaint } from '#domain/complaint.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { loadCase } from '#adapters/stores/complaints.ts';

/** Bounded: the newest cases of the same category are ranked for similarity. */
const similarityCandidates = 200;

/**
 * A case as staff work it: the complaint, its whole timeline and the five most
 * similar closed cases of the library. `mayView` decides, from the complaint
 * read, whether this person may see it (it throws when not), before the
 * library is read.
 */
export async function viewStaffCase(input: { complaintId: string; mayView: (complaint: Complaint) => void }): Promise<{
  complaint: Complaint;
  timeline: TimelineEvent[];
  similar: ReturnType<typeof similarOf>;
}> {
  const { complaint, timeline } = await loadCase(input.complaintId);
  input.mayView(complaint);
  const { entries } = await tableCaseLibrary.candidates({ category: complaint.category }, similarityCandidates);
  return { complaint, timeline, similar: similarOf(complaint, entries) };
}

function similarOf(complaint: Complaint, entries: Parameters<typeof similarCases>[1]) {
  return similarCases(complaint, entries, 5).map(({ entry, score, matched }) => ({
    complaintId: entry.complaintId,
    caseNumber: entry.caseNumber,
    subject: entry.subject,
    rootCause: entry.rootCause,
    resolution: entry.resolution,
    compensation: entry.compensation,
    outcome: entry.outcome,
    closedAt: entry.closedAt,
    score,
    why: { category: entry.category, sharedWords: matched },
  }));
}
