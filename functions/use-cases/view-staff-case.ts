import { similarCases } from '#domain/case-library.ts';
import { type Complaint, caseCategories } from '#domain/complaint.ts';
import { type CaseClocks, caseClocks } from '#domain/sla-clocks.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { loadCase } from '#adapters/stores/complaints.ts';

/** Bounded: the newest cases of the same category are ranked for similarity. */
const similarityCandidates = 200;

/**
 * A case as staff work it: the complaint, its whole timeline and the five most
 * similar closed cases of the library. `mayView` decides, from the complaint
 * read, whether this person may see it (it throws when not), before the
 * library is read.
 */
export async function viewStaffCase(input: { complaintId: string; mayView: (complaint: Complaint) => void; now: Date }): Promise<{
  complaint: Complaint;
  timeline: TimelineEvent[];
  similar: ReturnType<typeof similarOf>;
  clocks: CaseClocks;
}> {
  const { complaint, timeline } = await loadCase(input.complaintId);
  input.mayView(complaint);
  // An uncertain case has no category to look in: the newest of every one, as many in all, so that a
  // similar closed case can hint at the pick.
  const uncertain = complaint.category === 'uncertain';
  const [{ entries }, calendar] = await Promise.all([
    tableCaseLibrary.candidates(
      uncertain ? {} : { category: complaint.category },
      uncertain ? Math.ceil(similarityCandidates / caseCategories.length) : similarityCandidates,
    ),
    deskCalendar(),
  ]);
  return { complaint, timeline, similar: similarOf(complaint, entries), clocks: caseClocks(complaint, calendar, input.now) };
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
