import { similarCases } from '#domain/case-library.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { assertStaffMayView, staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { staffCase } from '../http/views.ts';

/** Bounded: the newest cases of the same category are ranked for similarity. */
const similarityCandidates = 200;

export const handler = apiHandler(async (request) => {
  const staff = staffIdentity(request, ['agents', 'supervisors']);
  const { complaint, timeline } = await loadCase(request.pathParameter('id', pathShapes.complaintId));
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
  return { statusCode: 200, body: { ...staffCase(complaint, timeline), similarCases: similar } };
});
