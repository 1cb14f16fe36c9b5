import * as common from './catalogues/common.ts';
import * as desk from './catalogues/desk.ts';
import * as portal from './catalogues/portal.ts';
import * as reports from './catalogues/reports.ts';

/** Every namespace in both languages; the unit test checks each key exists in each. */
export const catalogues = { common, desk, portal, reports } as const;

export type Namespace = keyof typeof catalogues;

export const resources = {
  en: Object.fromEntries(Object.entries(catalogues).map(([ns, c]) => [ns, c.en])),
  'zh-CN': Object.fromEntries(Object.entries(catalogues).map(([ns, c]) => [ns, c.zh])),
} as Record<'en' | 'zh-CN', { [N in Namespace]: (typeof catalogues)[N]['en'] }>;
