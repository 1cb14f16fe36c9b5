import { describe, expect, it } from 'vitest';
import {
  hstsMaxAgeSeconds,
  webContentSecurityPolicy,
  webSecurityHeaders,
} from '../../functions/declarations/web-security-headers.ts';

const connectSources = [
  'https://cognito-idp.eu-west-1.amazonaws.com',
  'https://closedloopstateless-50e2416294e0.auth.eu-west-1.amazoncognito.com',
];
const directives = (policy: string) =>
  new Map(policy.split('; ').map((directive) => [directive.split(' ')[0]!, directive.split(' ').slice(1)]));

describe('Module: web-security-headers', () => {
  describe('Method: webContentSecurityPolicy', () => {
    it('allows no inline script or style and no eval', () => {
      const policy = webContentSecurityPolicy({ connectSources });
      expect(policy).not.toMatch(/unsafe-/);
      expect(directives(policy).get('script-src')).toEqual(["'self'"]);
      expect(directives(policy).get('style-src')).toEqual(["'self'"]);
    });

    it('denies everything by default, framing and base changes included', () => {
      const policy = directives(webContentSecurityPolicy({ connectSources }));
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    });

    it('lets the app fetch its own origin and the OpenID provider, nothing else', () => {
      expect(directives(webContentSecurityPolicy({ connectSources })).get('connect-src')).toEqual(["'self'", ...connectSources]);
      expect(directives(webContentSecurityPolicy({ connectSources: [] })).get('connect-src')).toEqual(["'self'"]);
    });

    it.each(["'unsafe-inline'", 'https://a.example https://b.example', 'https://a.example; script-src *', ''])(
      'refuses %j as a connect source: it is not one origin',
      (source) => {
        expect(() => webContentSecurityPolicy({ connectSources: [source] })).toThrow(/not one origin/);
      },
    );
  });

  describe('Method: webSecurityHeaders', () => {
    it('gives HSTS for two years with subdomains and preload, no framing, no referrer, no sniffing', () => {
      expect(hstsMaxAgeSeconds).toBe(63_072_000);
      expect(webSecurityHeaders({ connectSources })).toEqual({
        'content-security-policy': webContentSecurityPolicy({ connectSources }),
        'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
    });
  });
});
