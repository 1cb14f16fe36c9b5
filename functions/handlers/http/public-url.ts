import { env } from '#adapters/config.ts';
import type { ApiRequest } from './api-handler.ts';

/**
 * Where links in emails point. A function behind the API cannot be told the
 * API's URL by CDK (the URL depends on the function: a cycle), so it takes
 * the address the request came in on; a configured URL (a custom domain,
 * the local runtime) wins.
 */
export function publicBaseUrl(request: ApiRequest): string {
  const configured = process.env[env.publicBaseUrl];
  if (configured) return configured.replace(/\/+$/, '');
  const { domainName, stage } = request.event.requestContext;
  return `https://${domainName ?? 'localhost'}/${stage}`;
}
