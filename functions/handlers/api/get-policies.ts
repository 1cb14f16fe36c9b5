import { slaPolicy } from '#adapters/desk-settings.ts';
import { deskTimeZone } from '#adapters/config.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';

export const handler = apiHandler((request) => {
  staffIdentity(request, ['agents', 'supervisors']);
  return Promise.resolve({ statusCode: 200, body: { timeZone: deskTimeZone(), policy: slaPolicy() } });
});
