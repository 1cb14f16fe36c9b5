/**
 * The case access token travels only in the URL fragment (`#token=…`), which
 * a browser never sends to a server or in a Referer. The status page reads it
 * once, keeps it in sessionStorage for this tab, and drops it from the address
 * bar so it is not left in history, bookmarks or screenshots.
 */

export interface LocationLike {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const storageKey = (complaintId: string) => `closeloop.case-token.${complaintId}`;

/** The `token` parameter of a fragment such as `#token=abc` (other parameters may stand beside it). */
export function tokenInFragment(hash: string): string | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment) return undefined;
  const token = new URLSearchParams(fragment).get('token');
  return token ? token : undefined;
}

/** The track page's URL, the token in its fragment only. */
export function trackUrl(complaintId: string, accessToken: string): string {
  return `/portal/track/${encodeURIComponent(complaintId)}#${new URLSearchParams({ token: accessToken }).toString()}`;
}

/** The complaint id of a track page path, or undefined for any other path. */
export function trackedComplaintId(pathname: string): string | undefined {
  const match = /^\/portal\/track\/([^/]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

export function rememberToken(storage: StorageLike | undefined, complaintId: string, token: string): void {
  try {
    storage?.setItem(storageKey(complaintId), token);
  } catch {
    // Storage refused (a private window): the page still works until it is closed.
  }
}

export function forgetToken(storage: StorageLike | undefined, complaintId: string): void {
  try {
    storage?.removeItem(storageKey(complaintId));
  } catch {
    // Nothing kept.
  }
}

/**
 * The case's token: from the fragment if the link carries one (kept, and
 * dropped from the address bar), else the one kept earlier in this tab.
 */
export function takeToken(
  complaintId: string,
  location: LocationLike,
  history: HistoryLike,
  storage: StorageLike | undefined,
): string | undefined {
  const fromLink = tokenInFragment(location.hash);
  if (fromLink) {
    rememberToken(storage, complaintId, fromLink);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromLink;
  }
  try {
    return storage?.getItem(storageKey(complaintId)) ?? undefined;
  } catch {
    return undefined;
  }
}
