import type * as z from 'zod';
import type { Capability } from '#declarations/capabilities.ts';

/**
 * Who may call a route: anyone (`public`), the complaint's customer with the
 * case access token (`customer`), or signed-in staff of the route's groups.
 */
export type Access = 'public' | 'customer' | 'staff';
export type StaffGroup = 'agents' | 'supervisors';
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface ResponseDeclaration {
  description: string;
  /** The JSON body; a `text/html` or `text/csv` answer has none to validate. */
  body?: z.ZodType;
  contentType?: 'application/json' | 'text/html' | 'text/csv';
  /** Other media types the same answer may be asked for (`format=csv`): a text body, not validated against `body`. */
  alternativeContentTypes?: readonly ('text/csv' | 'text/html')[];
  /** Response headers the route sets, documented (e.g. `location`). */
  headers?: Record<string, string>;
}

export interface BodyExample {
  summary: string;
  value: unknown;
}

export interface RequestDeclaration {
  /** Every path parameter, with its shape; a value of another shape is a 400 naming it. */
  params?: z.ZodObject;
  /** The whole query string: strict, so an unknown parameter is a 400. Without it, any query parameter is refused. */
  query?: z.ZodObject;
  /** The JSON body. Without it, a body must be empty or `{}`. */
  body?: z.ZodType;
  /** Media types the body may have, without parameters (default application/json). */
  mediaTypes?: readonly string[];
  /** Turns a body of a non-JSON media type into what `body` validates (an .ics upload). */
  bodyFromText?: (mediaType: string, text: string) => unknown;
  /** The largest body, in bytes as sent (default 64 KiB). */
  maxBodyBytes?: number;
  /** Request headers the route reads, with their shapes (e.g. `Idempotency-Key`). */
  headers?: z.ZodObject;
  /** Body examples for the OpenAPI document, in both languages the desk speaks. */
  examples?: Record<string, BodyExample>;
}

/**
 * One route, whole: the only place that says who may call it, what it takes,
 * what it answers and which AWS permissions its function gets. CDK, the
 * local HTTP front, the handler wrapper (authorization and parsing) and the
 * OpenAPI document are all derived from it.
 */
export interface RouteContract {
  method: HttpMethod;
  /** API Gateway path syntax: `{name}` is a path parameter. */
  path: string;
  /** Handler module under functions/handlers/, without extension; it exports `handler`. */
  handler: string;
  /** Logical name of the function in CDK, and the OpenAPI operationId. */
  functionName: string;
  access: Access;
  /** Staff routes: the Cognito groups allowed, enforced by the handler wrapper. */
  groups?: readonly StaffGroup[];
  /**
   * Customer routes that also open with the signed link of an email (`?token=`)
   * instead of the access token; the link's purpose.
   */
  linkPurpose?: 'confirmation' | 'case';
  summary: string;
  description?: string;
  tag: 'Customer' | 'Staff' | 'Links';
  request: RequestDeclaration;
  /** Success answers by status. Problem answers (4xx, 5xx) are documented for every route from its access and request. */
  responses: Record<number, ResponseDeclaration>;
  /** Problem statuses this route answers besides the ones its access and request imply (409 on a conflict, 410 on a dead link, 422). */
  problems?: readonly number[];
  /** Errors become an HTML page for a browser that asks for one (pages behind email links). */
  htmlProblems?: boolean;
  capabilities: readonly Capability[];
}

/** Identity, but keeps every literal of the declaration in its type, so handlers get typed input. */
export function defineRoute<const Contract extends RouteContract>(contract: Contract): Contract {
  return contract;
}
