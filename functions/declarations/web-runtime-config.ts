/**
 * `/config.json` at the web app's origin: what the built app learns at run
 * time, so one build serves every deployment. CDK writes it next to the app
 * (lib/desk-website.ts); the local HTTP front can serve its own.
 */

export const webRuntimeConfigKey = 'config.json';

/** Where the desk console receives the authorization code, and where sign-out lands. */
export const deskSignInPaths = {
  redirectPath: '/desk/callback',
  logoutPath: '/desk/',
} as const;

export interface CognitoWebAuthConfig {
  kind: 'cognito';
  /** The OpenID issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  authority: string;
  /** The desk console's public app client (no secret; authorization code with PKCE). */
  clientId: string;
  /** The managed login's origin: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domain: string;
  redirectPath: string;
  logoutPath: string;
}

export interface WebRuntimeConfig {
  auth: CognitoWebAuthConfig;
}
