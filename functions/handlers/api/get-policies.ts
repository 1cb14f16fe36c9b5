import { getPoliciesRoute } from '#contract/routes/get-policies.ts';
import { slaPolicy } from '#adapters/desk-settings.ts';
import { reviewTargetsOf } from '#domain/sla-policy.ts';
import { deskTimeZone } from '#adapters/config.ts';
import { routeHandler } from '../http/route-handler.ts';

// The review targets as they apply, built-in values included, so the reports page draws the same goals the monthly review marks.
export const handler = routeHandler(getPoliciesRoute)(() => {
  const policy = slaPolicy();
  return Promise.resolve({
    statusCode: 200 as const,
    body: { timeZone: deskTimeZone(), policy: { ...policy, reviewTargets: reviewTargetsOf(policy) } },
  });
});
