import { recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import { getCaseLibraryEntry, putCaseLibraryEntry } from '#adapters/stores/case-library.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { answerSurvey as copyAnswerToSurvey, getSurvey } from '#adapters/stores/surveys.ts';
import { hashToken } from '#adapters/tokens.ts';

type SurveyAnswer = Parameters<typeof recordSurveyAnswer>[1];

/**
 * The customer answers the satisfaction survey of a verified link. Undefined
 * when no survey matches the link. The complaint decides which answer stands
 * (its writes are conditional); the survey's record and the case library follow it.
 */
export async function answerSurvey(input: { token: string; linkedComplaintId: string; answer: SurveyAnswer; now: Date }) {
  const tokenHash = hashToken(input.token);
  const survey = await getSurvey(tokenHash);
  if (!survey || survey.complaintId !== input.linkedComplaintId) return undefined;
  const { complaint } = await mutateComplaint(survey.complaintId, (c) => recordSurveyAnswer(c, input.answer, input.now));
  await copyAnswerToSurvey(tokenHash, input.answer, new Date(complaint.survey!.answeredAt));
  const libraryEntry = await getCaseLibraryEntry(complaint.id);
  if (libraryEntry) await putCaseLibraryEntry({ ...libraryEntry, survey: { csat: input.answer.csat, nps: input.answer.nps } });
  return { caseNumber: complaint.caseNumber, csat: input.answer.csat, nps: input.answer.nps };
}
