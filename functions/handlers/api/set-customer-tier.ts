import { setCustomerTierRoute } from '#contract/routes/set-customer-tier.ts';
import { setCustomerTier } from '#adapters/stores/customers.ts';
import { routeHandler } from '../http/route-handler.ts';

/** Applies to complaints filed from now on: the tier in force at receipt stays on each complaint. */
export const handler = routeHandler(setCustomerTierRoute)(async ({ params, body: { tier }, staff, clock }) => {
  const result = await setCustomerTier(params.id, tier, staff.username, clock.now());
  return { statusCode: 200, body: { customerId: params.id, ...result } };
});
