import type { Schemas } from '../api/client.ts';

export type Category = Schemas['QueueItem']['category'];

/** The categories in the order the desk and the portal list them; `satisfies` fails the build if the API's list changes. */
export const categories = ['product_quality', 'logistics', 'service_attitude', 'billing_dispute', 'service_process', 'other'] as const satisfies readonly Category[];
