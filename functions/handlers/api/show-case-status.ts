import { caseStatusPage } from '#domain/link-pages.ts';
import { showCaseStatusRoute } from '#contract/routes/show-case-status.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { htmlAnswer, htmlProblemPage } from '../http/html.ts';
import { assertCaseLink } from '../http/link-access.ts';
import { routeHandler } from '../http/route-handler.ts';

/** The case link of the response and access-token emails, opened in a browser. */
export const handler = routeHandler(showCaseStatusRoute)(
  async ({ complaint }) => {
    const { complaint: current, timeline } = await loadCase(complaint.id);
    const page = htmlAnswer(200, caseStatusPage(current, timeline));
    return { statusCode: 200, raw: page.raw!, headers: page.headers! };
  },
  { verifyLink: assertCaseLink, htmlProblem: htmlProblemPage },
);
