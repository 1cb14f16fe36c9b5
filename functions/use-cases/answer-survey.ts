import { recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import { getCaseLibraryEntry, putCaseLibraryEntry } from '#adapters/stores/case-library.ts';
import { getComplaint, mutateComplaintThen } from '#adapters/stores/complaints.ts';
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
  // The link names the case: its item (which the change below starts from) and library entry are read beside the survey.
  const [survey, , libraryEntry] = await Promise.all([
    getSurvey(tokenHash),
    getComplaint(input.linkedComplaintId),
    getCaseLibraryEntry(input.linkedComplaintId),
  ]);
  if (!survey || survey.complaintId !== input.linkedComplaintId) return undefined;
  const { transition } = await mutateComplaintThen(
    survey.complaintId,
    (c) => recordSurveyAnswer(c, input.answer, input.now),
    ({ complaint }) =>
      Promise.all([
        copyAnswerToSurvey(tokenHash, input.answer, new Date(complaint.survey!.answeredAt)),
        libraryEntry ? putCaseLibraryEntry({ ...libraryEntry, survey: { csat: input.answer.csat, nps: input.answer.nps } }) : undefined,
      ]),
  );
  return { caseNumber: transition.complaint.caseNumber, csat: input.answer.csat, nps: input.answer.nps };
}
