import type { Complaint } from '#domain/complaint.ts';
import { linkSigningKey } from '#adapters/link-signing-key.ts';
import { type LinkClaims, verifyLinkToken } from '#adapters/tokens.ts';
import type { ApiRequest } from './api-handler.ts';
import { ProblemError, problem } from './problem.ts';

// Apart from access.ts, so that only the functions that verify links bundle the Secrets Manager client.

/**
 * A link from an email: its signature and expiry are checked before any read.
 * A forged or malformed token answers like an unknown case; an expired or
 * revoked one says so (410), since its holder once had a real link.
 */
export async function verifiedLink(request: ApiRequest, token: string, purpose: LinkClaims['purpose']): Promise<LinkClaims> {
  const zh = request.locale === 'zh-CN';
  const verification = verifyLinkToken(await linkSigningKey(), token, purpose, request.clock.now());
  if (verification.valid) return verification.claims;
  if (verification.reason === 'expired') {
    throw new ProblemError(problem('gone', request.locale, zh ? '该链接已过期' : 'this link has expired'));
  }
  throw new ProblemError(problem('not_found', request.locale, zh ? '链接无效' : 'this link is not valid'));
}

export const linkRevoked = (request: ApiRequest) =>
  new ProblemError(
    problem(
      'gone',
      request.locale,
      request.locale === 'zh-CN' ? '该链接已随访问令牌的更换而失效' : 'this link was revoked when the case access token was replaced',
    ),
  );

/**
 * The signed link of an email (`?token=`) opens the route instead of the case
 * access token: the resolution email's link the confirmation, the case link
 * of the other emails the status page and the reply. It is bound to the
 * current access revision: revoking the token revokes the link.
 */
export const assertLinkFor =
  (purpose: 'confirmation' | 'case') =>
  async (request: ApiRequest, complaint: Complaint | undefined, id: string): Promise<Complaint> => {
    const claims = await verifiedLink(request, request.event.queryStringParameters?.token ?? '', purpose);
    if (!complaint || claims.complaintId !== id) {
      throw new ProblemError(problem('not_found', request.locale, request.locale === 'zh-CN' ? '链接无效' : 'this link is not valid'));
    }
    if (claims.accessRevision !== (complaint.accessRevision ?? 0)) throw linkRevoked(request);
    return complaint;
  };

export const assertConfirmationLink = assertLinkFor('confirmation');
export const assertCaseLink = assertLinkFor('case');
