import { fileComplaintRoute } from '#contract/routes/file-complaint.ts';
import { fileComplaint } from '#use-cases/file-complaint.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(fileComplaintRoute)(async ({ body, headers, clock }) => {
  const filed = await fileComplaint(body, headers['Idempotency-Key'], clock.now());
  return { statusCode: 201, body: filed, headers: { location: `/complaints/${filed.id}` } };
});
