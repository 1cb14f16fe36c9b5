import { createApiClient } from '../api/client.ts';
import { currentLanguage } from '../i18n/index.ts';

/** The portal's calls without a credential: filing, and the survey (its token is in the path). */
export const publicApi = createApiClient({ token: () => undefined, language: currentLanguage });

/** The calls a case's customer makes, with the case access token. */
export function caseApi(token: string) {
  return createApiClient({ token: () => token, language: currentLanguage });
}

/** sessionStorage, or nothing where the browser refuses it (some private windows). */
export function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
