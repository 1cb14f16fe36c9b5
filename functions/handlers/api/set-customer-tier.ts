import * as z from 'zod';
import { tiers } from '#domain/complaint.ts';
import { setCustomerTier } from '#adapters/stores/customers.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const TierSchema = z.strictObject({ tier: z.enum(tiers) });
const CustomerId = z.string().regex(/^[\w.@:-]{1,64}$/, 'letters, digits and . _ @ : - only, at most 64');

/** Applies to complaints filed from now on: the tier in force at receipt stays on each complaint. */
export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const customerId = request.pathParameter('id', CustomerId);
  const { tier } = parseOrThrow(TierSchema, request.body, request.locale);
  const result = await setCustomerTier(customerId, tier, supervisor.username, request.clock.now());
  return { statusCode: 200, body: { customerId, ...result } };
});
