import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { type Language, languages } from './catalogue.ts';
import { resources } from './resources.ts';

const storageKey = 'closeloop.language';

/** The user's own pick if they made one, else the browser's first language we have (Chinese for any zh-*), else English. */
export function preferredLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored && (languages as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export async function startI18n(): Promise<void> {
  const language = preferredLanguage(storedLanguage(), navigator.languages ?? [navigator.language]);
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    // React escapes what it renders; i18next escaping on top would show &lt; in a customer's text.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
}

export function currentLanguage(): Language {
  return (i18next.language as Language | undefined) ?? 'en';
}

export async function switchLanguage(next: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private windows may refuse storage: the switch still holds for this page.
  }
  await i18next.changeLanguage(next);
}

export { useTranslation };
