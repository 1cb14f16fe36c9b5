import { similarCases } from '#domain/case-library.ts';
import { getStaffComplaintRoute } from '#contract/routes/get-staff-complaint.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { assertStaffMayView } from '../http/access.ts';
import { routeHandler } from '../http/route-handler.ts';
import { staffCase } from '../http/views.ts';

/** Bounded: the newest cases of the same category are ranked for similarity. */
const similarityCandidates = 200;

export const handler = routeHandler(getStaffComplaintRoute)(async ({ params, staff, request }) => {
  const { complaint, timeline } = await loadCase(params.id);
  assertStaffMayView(request, staff, complaint);
  const { entries } = await tableCaseLibrary.candidates({ category: complaint.category }, similarityCandidates);
  const similar = similarCases(complaint, entries, 5).map(({ entry, score, matched }) => ({
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
  return {
    statusCode: 200,
    body: { ...staffCase(complaint, timeline), similarCases: similar },
  };
});
