import type * as z from 'zod';
import type { Complaint } from '#domain/complaint.ts';
import type { Clock } from '#domain/clock.ts';
import type { ResponseDeclaration, RouteContract } from '#contract/define-route.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { type StaffIdentity, assertCustomerAccess, bearerToken, staffIdentity } from './access.ts';
import { type ApiAnswer, type ApiRequest, NoBody, apiHandler, logger } from './api-handler.ts';
import { type ApiLocale, ProblemError, parseOrThrow, problem } from './problem.ts';

type Output<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;
type Request<C extends RouteContract> = C['request'];

/** What a handler receives: the request already authorized, parsed and validated by its contract. */
export interface RouteInput<C extends RouteContract> {
  params: Output<Request<C>['params']>;
  query: Output<Request<C>['query']>;
  body: Output<Request<C>['body']>;
  headers: Output<Request<C>['headers']>;
  /** Staff routes: who is signed in, already checked against the route's groups. */
  staff: C['access'] extends 'staff' ? StaffIdentity : undefined;
  /** Customer routes: the case, whose access token (or signed link) the caller proved. */
  complaint: C['access'] extends 'customer' ? Complaint : undefined;
  locale: ApiLocale;
  clock: Clock;
  /** The raw request, for what a contract does not model (the public base URL of links). */
  request: ApiRequest;
}

type Answers<Responses extends Record<number, ResponseDeclaration>> = {
  [Status in keyof Responses & number]: Responses[Status]['body'] extends z.ZodType
    ?
        | {
            statusCode: Status;
            body: z.input<Responses[Status]['body']>;
            headers?: Record<string, string>;
          }
        | (Responses[Status]['alternativeContentTypes'] extends readonly string[]
            ? { statusCode: Status; raw: string; headers: Record<string, string> }
            : never)
    : { statusCode: Status; raw: string; headers: Record<string, string> };
}[keyof Responses & number];

/** A handler's answer: one of its contract's success statuses, with the body declared for it. */
export type RouteAnswer<C extends RouteContract> = Answers<C['responses']>;

/** The handler proper: typed input in, one of the contract's answers out. */
export type RouteRunner<C extends RouteContract> = (input: RouteInput<C>) => Promise<RouteAnswer<C>>;

export interface RouteHandlerOptions {
  /**
   * Verifies the signed link of a route with `linkPurpose`; passed by the
   * handler so that only the functions that verify links bundle the Secrets
   * Manager client.
   */
  verifyLink?: (request: ApiRequest, complaint: Complaint | undefined, id: string) => Promise<Complaint>;
  /** Renders a refusal as a page for a browser (routes with `htmlProblems`). */
  htmlProblem?: (request: ApiRequest, problem: ProblemError) => ApiAnswer | undefined;
}

// Tests (vitest.config.ts) set this, so every answer of every test is checked against its contract.
const verifyResponses = process.env.CLOSELOOP_VERIFY_RESPONSES === '1';

function pathParameters(contract: RouteContract, request: ApiRequest): Record<string, string> {
  const shape = contract.request.params?.shape ?? {};
  return Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => [name, request.pathParameter(name, schema as z.ZodType<string>)]),
  );
}

function headersOf(contract: RouteContract, request: ApiRequest): unknown {
  const schema = contract.request.headers;
  if (!schema) return undefined;
  const sent = Object.fromEntries(
    Object.keys(schema.shape)
      .map((name): [string, string | undefined] => [name, request.header(name)])
      .filter(([, value]) => value !== undefined),
  );
  return parseOrThrow(schema, sent, request.locale, 'headers');
}

function bodyOf(contract: RouteContract, request: ApiRequest): unknown {
  const { body: schema, bodyFromText } = contract.request;
  if (!schema) {
    if (request.content) parseOrThrow(NoBody, request.body, request.locale);
    return undefined;
  }
  const sent =
    request.content && request.content.mediaType !== 'application/json' && bodyFromText
      ? bodyFromText(request.content.mediaType, request.content.text)
      : request.body;
  return parseOrThrow(schema, sent, request.locale);
}

async function customerCase(contract: RouteContract, request: ApiRequest, id: string, options: RouteHandlerOptions): Promise<Complaint> {
  const linkToken = contract.linkPurpose ? request.event.queryStringParameters?.token : undefined;
  if (linkToken !== undefined && !bearerToken(request)) {
    if (!options.verifyLink) throw new Error(`${contract.functionName}: a route with linkPurpose needs verifyLink`);
    return options.verifyLink(request, await getComplaint(id), id);
  }
  // A wrong token answers 404 like an unknown id, so ids cannot be probed.
  const complaint = bearerToken(request) ? await getComplaint(id) : undefined;
  return assertCustomerAccess(request, complaint, id);
}

/** In tests, an answer its contract does not declare is a failure, not a surprise for a client. */
function checkAnswer(contract: RouteContract, answer: ApiAnswer): void {
  const declared = contract.responses[answer.statusCode];
  const route = `${contract.method} ${contract.path}`;
  if (!declared) throw new Error(`${route} answered ${answer.statusCode}, which its contract does not declare`);
  if (!declared.body) return;
  if (answer.raw !== undefined) {
    const type = (answer.headers?.['content-type'] ?? '').split(';')[0]!.trim();
    if (!(declared.alternativeContentTypes ?? []).some((alternative) => alternative === type)) {
      throw new Error(`${route} answered ${answer.statusCode} as ${type || 'an unnamed type'}, which its contract does not declare`);
    }
    return;
  }
  const result = declared.body.safeParse(answer.body);
  if (!result.success) {
    throw new Error(`${route} answered ${answer.statusCode} with a body its contract refuses: ${JSON.stringify(result.error.issues)}`);
  }
}

/**
 * The handler wrapper of every API route. Before the handler runs it
 * enforces the contract: the caller's access (staff groups, the case access
 * token or a signed link), the path parameters, the query string, the
 * headers it reads and the body; the handler gets typed, validated input.
 */
export const routeHandler =
  <C extends RouteContract>(contract: C) =>
  // Curried: the contract fixes C first, so the handler's answer is checked against it (not widened).
  (run: RouteRunner<C>, options: RouteHandlerOptions = {}) => {
    const { request: declared } = contract;
    return apiHandler(
      async (request) => {
        try {
          const staff = contract.access === 'staff' ? staffIdentity(request, contract.groups ?? []) : undefined;
          const params = pathParameters(contract, request);
          if (params.id) logger.appendKeys({ complaintId: params.id });
          const query = declared.query
            ? parseOrThrow(declared.query, request.event.queryStringParameters ?? {}, request.locale, 'query string')
            : undefined;
          const complaint = contract.access === 'customer' ? await customerCase(contract, request, params.id!, options) : undefined;
          const input = {
            params: declared.params ? params : undefined,
            query,
            body: bodyOf(contract, request),
            headers: headersOf(contract, request),
            staff,
            complaint,
            locale: request.locale,
            clock: request.clock,
            request,
          } as RouteInput<C>;
          const answer = (await run(input)) as ApiAnswer;
          if (verifyResponses) checkAnswer(contract, answer);
          return answer;
        } catch (error) {
          const page = error instanceof ProblemError && contract.htmlProblems ? options.htmlProblem?.(request, error) : undefined;
          if (page) return page;
          throw error;
        }
      },
      {
        readsQuery: declared.query !== undefined,
        ...(declared.mediaTypes ? { mediaTypes: declared.mediaTypes } : {}),
        ...(declared.maxBodyBytes ? { maxBodyBytes: declared.maxBodyBytes } : {}),
      },
    );
  };

/** A refusal that is the contract's own (e.g. a queue scope an agent may not read), in the caller's language. */
export const refuse = (
  input: { locale: ApiLocale },
  kind: 'forbidden' | 'invalid' | 'conflict',
  text: Record<ApiLocale, string>,
  extra = {},
) => new ProblemError(problem(kind, input.locale, text[input.locale], extra));
