import * as z from 'zod';
import { recordSurveyAnswer } from '#domain/lifecycle.ts';
import { answerSurvey, getSurvey } from '#adapters/stores/surveys.ts';
import { getCaseLibraryEntry, putCaseLibraryEntry } from '#adapters/stores/case-library.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken } from '#adapters/tokens.ts';
import { verifiedLink } from '../http/link-access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { ProblemError, parseOrThrow, problem } from '../http/problem.ts';

const SurveyAnswerSchema = z.strictObject({
  csat: z.int().min(1).max(5),
  nps: z.int().min(0).max(10),
  comment: z.string().trim().max(2000).optional(),
});

export const handler = apiHandler(async (request) => {
  const token = request.pathParameter('token', pathShapes.linkToken);
  const answer = parseOrThrow(SurveyAnswerSchema, request.body, request.locale);
  const now = request.clock.now();
  const link = await verifiedLink(request, token, 'survey');
  const tokenHash = hashToken(token);
  const survey = await getSurvey(tokenHash);
  if (!survey || survey.complaintId !== link.complaintId) {
    throw new ProblemError(
      problem('not_found', request.locale, request.locale === 'zh-CN' ? '问卷不存在或链接无效' : 'no survey matches this link'),
    );
  }
  await answerSurvey(tokenHash, answer, now);
  const { complaint } = await mutateComplaint(survey.complaintId, (c) => recordSurveyAnswer(c, answer, now));
  const libraryEntry = await getCaseLibraryEntry(complaint.id);
  if (libraryEntry) await putCaseLibraryEntry({ ...libraryEntry, survey: { csat: answer.csat, nps: answer.nps } });
  return { statusCode: 201, body: { caseNumber: complaint.caseNumber, csat: answer.csat, nps: answer.nps } };
});
