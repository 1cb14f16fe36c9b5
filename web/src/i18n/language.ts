import { type Language, languages } from './catalogue.ts';

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

