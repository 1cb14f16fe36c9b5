import { answerSurveyRoute } from '#contract/routes/answer-survey.ts';
import { answerSurvey } from '#use-cases/answer-survey.ts';
import { verifiedLink } from '../http/link-access.ts';
import { ProblemError, problem } from '../http/problem.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(answerSurveyRoute)(async ({ params, body, clock, request }) => {
  const now = clock.now();
  const link = await verifiedLink(request, params.token, 'survey');
  const answered = await answerSurvey({ token: params.token, linkedComplaintId: link.complaintId, answer: body, now });
  if (!answered) {
    throw new ProblemError(
      problem('not_found', request.locale, request.locale === 'zh-CN' ? '问卷不存在或链接无效' : 'no survey matches this link'),
    );
  }
  return { statusCode: 201, body: answered };
});
