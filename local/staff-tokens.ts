import { SignJWT, jwtVerify } from 'jose';

/**
 * Locally, staff tokens are signed with this development key instead of by
 * Cognito; the claims have the shape of a Cognito ID token so handlers cannot
 * tell the difference. Never used on AWS, where API Gateway's Cognito
 * authorizer verifies real tokens. Overridable for a shared demo machine.
 */
const localSigningSecret = new TextEncoder().encode(
  process.env.CLOSELOOP_LOCAL_JWT_SECRET ?? 'closeloop-local-development-signing-key-not-for-aws',
);
const issuer = 'closeloop-local';
const audience = 'closeloop-staff';

export type StaffRole = 'agent' | 'supervisor';
export const groupOfRole: Record<StaffRole, 'agents' | 'supervisors'> = { agent: 'agents', supervisor: 'supervisors' };

/** `team` plays the Cognito custom attribute `custom:team`, which only an administrator sets. */
export async function issueStaffToken(
  role: StaffRole,
  sub: string,
  validForSeconds = 12 * 3600,
  team?: string,
): Promise<string> {
  return new SignJWT({
    'cognito:username': sub,
    'cognito:groups': [groupOfRole[role]],
    token_use: 'id',
    ...(team ? { 'custom:team': team } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${validForSeconds}s`)
    .sign(localSigningSecret);
}

/**
 * What API Gateway's Cognito authorizer puts in `requestContext.authorizer.claims`:
 * string values, groups joined by commas. Undefined when the token is missing or bad.
 */
export async function verifyStaffToken(token: string): Promise<Record<string, string> | undefined> {
  try {
    const { payload } = await jwtVerify(token, localSigningSecret, { issuer, audience, algorithms: ['HS256'] });
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].map(String) : [];
    const text = (value: unknown, fallback: string) => (typeof value === 'string' || typeof value === 'number' ? String(value) : fallback);
    return {
      sub: String(payload.sub),
      'cognito:username': text(payload['cognito:username'], String(payload.sub)),
      'cognito:groups': groups.join(','),
      token_use: text(payload.token_use, 'id'),
      iss: issuer,
      aud: audience,
      exp: text(payload.exp, ''),
      iat: text(payload.iat, ''),
      ...(typeof payload['custom:team'] === 'string' ? { 'custom:team': payload['custom:team'] } : {}),
    };
  } catch {
    return undefined;
  }
}
