import type { Schemas } from '../api/client.ts';

/** What a case may be filed under: a real category, or `uncertain` until an agent picks one. */
export type CaseCategory = Schemas['QueueItem']['category'];
/** What a customer or an agent may pick. */
export type Category = Exclude<CaseCategory, 'uncertain'>;

/** The categories in the order the desk and the portal list them; `satisfies` fails the build if the API's list changes. */
export const categories = ['product_quality', 'logistics', 'service_attitude', 'billing_dispute', 'service_process', 'other'] as const satisfies readonly Category[];

/** What the desk filters and reports by: the real categories, then the cases still waiting on a pick. */
export const caseCategories = [...categories, 'uncertain'] as const satisfies readonly CaseCategory[];
