/**
 * The headers every page of the web app (desk console, customer portal) is
 * served with, once: CloudFront's response headers policy (lib/desk-website.ts)
 * and the local HTTP front send the same text, so a page that breaks the
 * policy breaks locally first.
 *
 * The app is a Vite build: every script and style sheet is a file of its own
 * origin, so no 'unsafe-inline' or 'unsafe-eval' is needed, and none is
 * accepted here.
 */

export interface WebSecurityOptions {
  /**
   * Origins, besides the app's own, that the app may fetch from: the OpenID
   * provider's issuer (discovery, keys) and its token endpoint. On AWS the
   * Cognito issuer `https://cognito-idp.<region>.amazonaws.com` and the
   * managed login domain; CDK tokens are accepted, they resolve in the template.
   */
  connectSources: readonly string[];
}

/** Two years, the minimum the HSTS preload list accepts. */
export const hstsMaxAgeSeconds = 2 * 365 * 24 * 60 * 60;

/**
 * A source is one CSP token: whitespace or ';' would start another source or
 * directive, a quote a keyword such as 'unsafe-inline'.
 */
const unsafeSourceCharacters = /[\s;,'"]/;

export function webContentSecurityPolicy({ connectSources }: WebSecurityOptions): string {
  for (const source of connectSources) {
    if (source === '' || unsafeSourceCharacters.test(source)) {
      throw new Error(`connect-src source ${JSON.stringify(source)} is not one origin (no spaces, quotes, ';' or ',')`);
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Header name (lower case) → value, for a server that sets headers itself. */
export function webSecurityHeaders(options: WebSecurityOptions): Record<string, string> {
  return {
    'content-security-policy': webContentSecurityPolicy(options),
    'strict-transport-security': `max-age=${hstsMaxAgeSeconds}; includeSubDomains; preload`,
    // For browsers older than CSP frame-ancestors.
    'x-frame-options': 'DENY',
    // Case ids and survey tokens travel in URLs: never to another site.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}
