import { DomainError } from '#domain/errors.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { assertCustomerAccess } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { customerCase } from '../http/views.ts';

export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id', pathShapes.complaintId);
  // An unknown id and a wrong token must answer alike, so "not found" is not thrown from here.
  const found = await loadCase(id).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === 'not_found') return undefined;
    throw error;
  });
  assertCustomerAccess(request, found?.complaint, id);
  return { statusCode: 200, body: customerCase(found!.complaint, found!.timeline) };
});
