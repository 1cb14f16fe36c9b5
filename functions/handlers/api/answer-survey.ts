import { recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import { answerSurveyRoute } from '#contract/routes/answer-survey.ts';
import { getCaseLibraryEntry, putCaseLibraryEntry } from '#adapters/stores/case-library.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { answerSurvey, getSurvey } from '#adapters/stores/surveys.ts';
import { hashToken } from '#adapters/tokens.ts';
import { verifiedLink } from '../http/link-access.ts';
import { ProblemError, problem } from '../http/problem.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(answerSurveyRoute)(async ({ params, body: answer, clock, request }) => {
  const now = clock.now();
  const link = await verifiedLink(request, params.token, 'survey');
  const tokenHash = hashToken(params.token);
  const survey = await getSurvey(tokenHash);
  if (!survey || survey.complaintId !== link.complaintId) {
    throw new ProblemError(
      problem('not_found', request.locale, request.locale === 'zh-CN' ? '问卷不存在或链接无效' : 'no survey matches this link'),
    );
  }
  const { complaint } = await mutateComplaint(survey.complaintId, (c) => recordSurveyAnswer(c, answer, now));
  // The complaint decides which answer stands (its writes are conditional); the survey's record follows it.
  await answerSurvey(tokenHash, answer, new Date(complaint.survey!.answeredAt));
  const libraryEntry = await getCaseLibraryEntry(complaint.id);
  if (libraryEntry)
    await putCaseLibraryEntry({
      ...libraryEntry,
      survey: { csat: answer.csat, nps: answer.nps },
    });
  return {
    statusCode: 201,
    body: {
      caseNumber: complaint.caseNumber,
      csat: answer.csat,
      nps: answer.nps,
    },
  };
});
