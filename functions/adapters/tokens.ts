import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the system CSPRNG: unguessable, and only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A case's access token: 256 bits from a random seed, keyed with the secret
 * signing key. The seed alone (kept for idempotent retries) gives nothing
 * without the key, which lives in Secrets Manager, not in the table.
 */
export function deriveAccessToken(key: Uint8Array, seed: string): string {
  return createHmac('sha256', key).update(`closeloop-access-token-v1.${seed}`, 'utf8').digest('base64url');
}

/** Stable across key order, so the same body sent twice hashes the same. */
export function canonicalHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

export const linkPurposes = ['survey', 'confirmation', 'case'] as const;

/**
 * What a link in an email lets its holder do, for how long. The access
 * revision ties a confirmation link to the case's current access token:
 * revoking the token revokes the links sent with it.
 */
export interface LinkClaims {
  /** survey: answer the survey; confirmation: accept or reject the resolution; case: follow the case and reply. */
  purpose: (typeof linkPurposes)[number];
  complaintId: string;
  expiresAt: Date;
  accessRevision: number;
}

export type LinkVerification =
  { valid: true; claims: LinkClaims } | { valid: false; reason: 'malformed' | 'signature' | 'expired' | 'purpose' };

const linkSignatureDomain = 'closeloop-link-v1';

function linkSignature(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(`${linkSignatureDomain}.${payload}`, 'utf8').digest();
}

/** `payload.signature`, both base64url: short enough for a URL path, and the payload names no personal data. */
export function signLinkToken(key: Uint8Array, claims: LinkClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      p: claims.purpose,
      c: claims.complaintId,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
      r: claims.accessRevision,
    }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${linkSignature(key, payload).toString('base64url')}`;
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** The signature is checked, in constant time, before the payload is even parsed. */
export function verifyLinkToken(key: Uint8Array, token: string, purpose: LinkClaims['purpose'], now: Date): LinkVerification {
  const parts = token.split('.');
  if (parts.length !== 2 || token.length > 512) return { valid: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  if (!base64url.test(payload) || !base64url.test(signature)) return { valid: false, reason: 'malformed' };
  const expected = linkSignature(key, payload);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { valid: false, reason: 'signature' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const fields = decoded as { p?: unknown; c?: unknown; e?: unknown; r?: unknown };
  if (
    !linkPurposes.includes(fields.p as LinkClaims['purpose']) ||
    typeof fields.c !== 'string' ||
    typeof fields.e !== 'number' ||
    typeof fields.r !== 'number'
  ) {
    return { valid: false, reason: 'malformed' };
  }
  if (fields.p !== purpose) return { valid: false, reason: 'purpose' };
  const expiresAt = new Date(fields.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired' };
  return {
    valid: true,
    claims: { purpose: fields.p as LinkClaims['purpose'], complaintId: fields.c, expiresAt, accessRevision: fields.r },
  };
}
