import { env } from '#adapters/config.ts';
import type { ApiRequest } from './api-handler.ts';

/**
 * Where links in emails point: the configured URL (on AWS the website's
 * CloudFront origin, which forwards the API's paths; locally the runtime's
 * front). Without one, the address the request came in on: CDK cannot hand
 * a function behind the API the stage's URL, which depends on the function.
 */
export function publicBaseUrl(request: ApiRequest): string {
  const configured = process.env[env.publicBaseUrl];
  if (configured) return configured.replace(/\/+$/, '');
  const { domainName, stage } = request.event.requestContext;
  return `https://${domainName ?? 'localhost'}/${stage}`;
}
