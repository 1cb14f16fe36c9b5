import { surveyPage } from '#domain/link-pages.ts';
import { showSurveyRoute } from '#contract/routes/show-survey.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { getSurvey } from '#adapters/stores/surveys.ts';
import { hashToken } from '#adapters/tokens.ts';
import { htmlAnswer, htmlProblemPage } from '../http/html.ts';
import { verifiedLink } from '../http/link-access.ts';
import { ProblemError, problem } from '../http/problem.ts';
import { routeHandler } from '../http/route-handler.ts';

/**
 * The survey link opened in a browser: a form that posts to the same URL.
 * A dead link gets a page that says why (problem+json for a client not asking for HTML).
 */
export const handler = routeHandler(showSurveyRoute)(
  async ({ params, request, locale }) => {
    const zh = locale === 'zh-CN';
    const link = await verifiedLink(request, params.token, 'survey');
    const survey = await getSurvey(hashToken(params.token));
    const complaint = survey?.complaintId === link.complaintId ? await getComplaint(link.complaintId) : undefined;
    if (!survey || !complaint) {
      throw new ProblemError(problem('not_found', locale, zh ? '问卷不存在或链接无效。' : 'No survey matches this link.'));
    }
    if (survey.answeredAt) {
      throw new ProblemError(
        problem('conflict', locale, zh ? '此问卷已提交，感谢您的评价。' : 'This survey has been answered already. Thank you!'),
      );
    }
    const page = htmlAnswer(200, surveyPage(complaint));
    return { statusCode: 200, raw: page.raw!, headers: page.headers! };
  },
  { htmlProblem: htmlProblemPage },
);
