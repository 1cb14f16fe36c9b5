import * as z from 'zod';
import { linkProblemPage, confirmationPage } from '#domain/link-pages.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { htmlAnswer, wantsHtml } from '../http/html.ts';
import { assertConfirmationAccess } from '../http/link-access.ts';
import { ProblemError, parseOrThrow, problem } from '../http/problem.ts';

/** Without the link's token the case access token (Bearer) opens the page. */
const PageQuery = z.strictObject({ token: pathShapes.linkToken.optional() });

/**
 * The confirmation link of the resolution email opened in a browser: the
 * resolution, and accept or reject buttons that post to the same URL.
 */
export const handler = apiHandler(
  async (request) => {
    const id = request.pathParameter('id', pathShapes.complaintId);
    parseOrThrow(PageQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
    try {
      const complaint = await assertConfirmationAccess(request, await getComplaint(id), id);
      const zh = request.locale === 'zh-CN';
      if (complaint.phase !== 'AWAITING_CONFIRMATION' || complaint.confirmation) {
        throw new ProblemError(
          problem(
            'conflict',
            request.locale,
            zh ? '此处理结果已确认或已重新处理，无需再次操作。' : 'This resolution has been answered already; there is nothing more to do here.',
          ),
        );
      }
      return htmlAnswer(200, confirmationPage(complaint));
    } catch (error) {
      if (error instanceof ProblemError && wantsHtml(request)) return htmlAnswer(error.problem.status, linkProblemPage(request.locale, error.problem.detail));
      throw error;
    }
  },
  { readsQuery: true },
);
