import { getPoliciesRoute } from '#contract/routes/get-policies.ts';
import { slaPolicy } from '#adapters/desk-settings.ts';
import { deskTimeZone } from '#adapters/config.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getPoliciesRoute)(() =>
  Promise.resolve({
    statusCode: 200 as const,
    body: { timeZone: deskTimeZone(), policy: slaPolicy() },
  }),
);
