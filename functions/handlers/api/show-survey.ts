import { linkProblemPage, surveyPage } from '#domain/link-pages.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { getSurvey } from '#adapters/stores/surveys.ts';
import { hashToken } from '#adapters/tokens.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { htmlAnswer, wantsHtml } from '../http/html.ts';
import { verifiedLink } from '../http/link-access.ts';
import { ProblemError, problem } from '../http/problem.ts';

/**
 * The survey link opened in a browser: a form that posts to the same URL.
 * A dead link gets a page that says why (problem+json for a client not asking for HTML).
 */
export const handler = apiHandler(async (request) => {
  const token = request.pathParameter('token', pathShapes.linkToken);
  const zh = request.locale === 'zh-CN';
  try {
    const link = await verifiedLink(request, token, 'survey');
    const survey = await getSurvey(hashToken(token));
    const complaint = survey?.complaintId === link.complaintId ? await getComplaint(link.complaintId) : undefined;
    if (!survey || !complaint) {
      throw new ProblemError(problem('not_found', request.locale, zh ? '问卷不存在或链接无效。' : 'No survey matches this link.'));
    }
    if (survey.answeredAt) {
      throw new ProblemError(problem('conflict', request.locale, zh ? '此问卷已提交，感谢您的评价。' : 'This survey has been answered already. Thank you!'));
    }
    return htmlAnswer(200, surveyPage(complaint));
  } catch (error) {
    if (error instanceof ProblemError && wantsHtml(request)) return htmlAnswer(error.problem.status, linkProblemPage(request.locale, error.problem.detail));
    throw error;
  }
});
