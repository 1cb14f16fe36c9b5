import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from './catalogue.ts';
import { preferredLanguage } from './language.ts';
import { resources } from './resources.ts';

const storageKey = 'closeloop.language';

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
