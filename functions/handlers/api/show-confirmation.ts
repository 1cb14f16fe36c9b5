import { confirmationPage } from '#domain/link-pages.ts';
import { showConfirmationRoute } from '#contract/routes/show-confirmation.ts';
import { htmlAnswer, htmlProblemPage } from '../http/html.ts';
import { assertConfirmationLink } from '../http/link-access.ts';
import { ProblemError, problem } from '../http/problem.ts';
import { routeHandler } from '../http/route-handler.ts';

/**
 * The confirmation link of the resolution email opened in a browser: the
 * resolution, and accept or reject buttons that post to the same URL.
 * Without the link's token the case access token (Bearer) opens the page.
 */
export const handler = routeHandler(showConfirmationRoute)(
  ({ complaint, locale }) => {
    if (complaint.phase !== 'AWAITING_CONFIRMATION' || complaint.confirmation) {
      throw new ProblemError(
        problem(
          'conflict',
          locale,
          locale === 'zh-CN'
            ? '此处理结果已确认或已重新处理，无需再次操作。'
            : 'This resolution has been answered already; there is nothing more to do here.',
        ),
      );
    }
    const page = htmlAnswer(200, confirmationPage(complaint));
    return Promise.resolve({
      statusCode: 200 as const,
      raw: page.raw!,
      headers: page.headers!,
    });
  },
  { verifyLink: assertConfirmationLink, htmlProblem: htmlProblemPage },
);
