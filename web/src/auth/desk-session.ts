import type { WebConfig } from './web-config.ts';

export type StaffRole = 'agent' | 'supervisor';

export interface StaffUser {
  id: string;
  role: StaffRole;
  team?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** What the desk needs from a sign-in, whichever kind the deployment has. */
export interface DeskSession {
  readonly kind: 'local' | 'cognito';
  user(): StaffUser | undefined;
  token(): Promise<string | undefined>;
  /** Completes a sign-in in progress (the Cognito redirect back); returns where the user was going. */
  complete(): Promise<string | undefined>;
  signIn(returnTo: string): Promise<void>;
  signOut(): Promise<void>;
}

/** The claims of a JWT, without verifying it: the API verifies; the desk only shows who is signed in. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function staffUserOf(token: string, nowSeconds: number): StaffUser | undefined {
  const claims = claimsOf(token);
  if (!claims) return undefined;
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  const role: StaffRole | undefined = groups.includes('supervisors') ? 'supervisor' : groups.includes('agents') ? 'agent' : undefined;
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : 0;
  if (!role || expiresAt <= nowSeconds) return undefined;
  const username = claims['cognito:username'] ?? claims.sub;
  const id = typeof username === 'string' ? username : '';
  const team = typeof claims['custom:team'] === 'string' ? claims['custom:team'] : undefined;
  return { id, role, expiresAt, ...(team ? { team } : {}) };
}

const localTokenKey = 'closeloop.desk.token';

/**
 * Local only: `npm start` prints desk links carrying a development token in
 * the fragment (never sent to a server). The token is kept for the tab's
 * origin and the fragment dropped from the address bar and history.
 */
export function localSession(): DeskSession {
  const read = () => {
    const token = localStorage.getItem(localTokenKey) ?? undefined;
    return token && staffUserOf(token, Date.now() / 1000) ? token : undefined;
  };
  return {
    kind: 'local',
    user: () => {
      const token = read();
      return token ? staffUserOf(token, Date.now() / 1000) : undefined;
    },
    token: () => Promise.resolve(read()),
    complete() {
      const fragment = new URLSearchParams(location.hash.slice(1));
      const token = fragment.get('sign-in');
      if (token) {
        localStorage.setItem(localTokenKey, token);
        history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      }
      return Promise.resolve(undefined);
    },
    signIn: () => Promise.resolve(),
    signOut() {
      localStorage.removeItem(localTokenKey);
      return Promise.resolve();
    },
  };
}

/** Cognito managed login: authorization code with PKCE through oidc-client-ts, loaded only on a deployment that uses it. */
export async function cognitoSession(auth: Extract<WebConfig['auth'], { kind: 'cognito' }>): Promise<DeskSession> {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const origin = location.origin;
  const manager = new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${origin}${auth.redirectPath}`,
    post_logout_redirect_uri: `${origin}${auth.logoutPath}`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    // Cognito's discovery document has no end_session_endpoint; its logout endpoint takes client_id and logout_uri.
    metadataSeed: { end_session_endpoint: `${auth.domain}/logout` },
  });
  let current = await manager.getUser();
  return {
    kind: 'cognito',
    user: () => (current && !current.expired ? staffUserOf(current.id_token ?? '', Date.now() / 1000) : undefined),
    token: () => Promise.resolve(current && !current.expired ? current.id_token : undefined),
    async complete() {
      if (location.pathname !== auth.redirectPath) return undefined;
      current = await manager.signinRedirectCallback();
      const state = current.state;
      return typeof state === 'string' && state.startsWith('/desk') ? state : '/desk/';
    },
    signIn: (returnTo) => manager.signinRedirect({ state: returnTo }),
    async signOut() {
      await manager.removeUser();
      current = null;
      await manager.signoutRedirect({ extraQueryParams: { client_id: auth.clientId, logout_uri: `${origin}${auth.logoutPath}` } });
    },
  };
}
