import createClient from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** A refusal or failure from the API, carrying its problem+json document (detail already in the UI language). */
export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }

  /** The field errors by field path, for showing each beside its control. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, problem } of this.problem.errors ?? []) byField[field] ??= problem;
    return byField;
  }
}

export interface ApiClientOptions {
  /** The bearer token to send, if any: a staff ID token or a case access token. */
  token: () => Promise<string | undefined> | string | undefined;
  /** The UI language, sent as Accept-Language so every problem's detail comes back in it. */
  language: () => string;
}

/** The typed client of the API on this same origin (CloudFront on AWS, the local front locally). */
export function createApiClient(options: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
  client.use({
    async onRequest({ request }) {
      request.headers.set('accept-language', options.language());
      const token = await options.token();
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The answer's data, or an ApiProblem built from the problem+json (or from the bare status when there is none). */
export function answerOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok) return undefined as T;
  const error = result.error as Partial<Problem> | string | undefined;
  if (error && typeof error === 'object' && typeof error.title === 'string') {
    throw new ApiProblem({ type: 'about:blank', detail: error.title, ...error, title: error.title, status: result.response.status });
  }
  throw new ApiProblem({
    type: 'about:blank',
    title: result.response.statusText || `HTTP ${result.response.status}`,
    status: result.response.status,
    detail: typeof error === 'string' && error.length < 300 ? error : `HTTP ${result.response.status}`,
  });
}
