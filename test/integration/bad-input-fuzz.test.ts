import { DynamoDBClient, paginateScan, type AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouteDeclaration, routes } from '#declarations/routes.ts';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

/*
 * Bad input, generated: every route of routes.ts (a new route is fuzzed
 * without touching this file) gets its share of FUZZ_REQUESTS requests, sent
 * anonymously and with real credentials so that the handlers' own validation
 * is reached, not only the 401s. The rules: never a 5xx; every 4xx is
 * application/problem+json with type, title, status and detail (and the
 * offending fields for a validation error); a refused request stores nothing.
 * FUZZ_SEED replays a run; fast-check prints the seed and the smallest failing
 * request.
 */
const totalRequests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runsPerRoute = Math.ceil(totalRequests / routes.length);

interface Seeded {
  complaints: { id: string; accessToken: string }[];
  surveyToken: string;
  customerIds: string[];
  tokens: { agent: string; supervisor: string; otherAgent: string; expiredAgent: string };
}

interface FuzzRequest {
  route: RouteDeclaration;
  method: string;
  path: string;
  /** Decoded path parameter values as generated, to tell which partitions an accepted request may change. */
  pathValues: string[];
  query: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  bodyKind: string;
}

interface Outcome {
  status: number;
  contentType: string;
  text: string;
}

// ---------------------------------------------------------------- generators

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const aUlid = fc
  .tuple(fc.constantFrom(...'01234567'), fc.array(fc.constantFrom(...crockford), { minLength: 25, maxLength: 25 }))
  .map(([first, rest]) => first + rest.join(''));

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const oddText = fc.constantFrom(
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  '\u202eevil\u202c',
  '\u200f\u0645\u0631\u062d\u0628\u0627',
  'zero\u200bwidth\u200d\u2060',
  '\ufeffbom',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '\u0000nul',
  '\u001b[31mred',
  'e\u0301\u0301\u0301',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\uffff\ufffe',
  '\r\n\t',
  '"quoted"\\',
  '../../etc/passwd',
  '%00%2F%ZZ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '   ',
  '',
);

const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) },
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => '长'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 12_000 }).map((n) => 'x'.repeat(n)) },
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, true, false, null, [], {}) },
  { weight: 1, arbitrary: fc.dictionary(anyText, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) },
);

/** Header values fetch will send: printable Latin-1, no line breaks. */
const headerText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

const contentTypes = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON;Charset="UTF-8"', 'application/json ; charset=UTF-8') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'text/calendar',
      'text/calendar; charset=utf-8',
      'application/json; charset=iso-8859-1',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/problem+json',
      'application/merge-patch+json',
      'application/jsonx',
      'json',
      '*/*',
      ';;;',
      'application/json, text/plain',
      'application/json; charset',
    ),
  },
  { weight: 1, arbitrary: headerText },
);

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/** Byte sequences no UTF-8 decoder may accept. */
const brokenUtf8 = fc.constantFrom(
  [0xff],
  [0xc3],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0x80, 0x80],
  [0xfe, 0xfe, 0xff, 0xff],
);

type Json = Record<string, unknown>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Json).flatMap(([key, child]) => [[...prefix, key], ...leafPaths(child, [...prefix, key])]);
  }
  return [];
}

function withPath(value: Json, path: string[], change: (parent: Json, key: string) => void): Json {
  const copy = structuredClone(value);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  change(parent, path[path.length - 1]!);
  return copy;
}

interface BodyChoice {
  kind: string;
  body: Uint8Array | undefined;
}

function bodies(valid: Json): fc.Arbitrary<BodyChoice> {
  const paths = leafPaths(valid);
  const aPath = paths.length ? fc.constantFrom(...paths) : fc.constant<string[]>(['field']);
  const textPaths = paths.filter((path) => typeof path.reduce<unknown>((v, key) => (v as Json)[key], valid) === 'string');
  const stringPath = textPaths.length ? fc.constantFrom(...textPaths) : aPath;
  const validText = JSON.stringify(valid);
  const json = (kind: string) => (value: unknown) => ({ kind, body: bytes(JSON.stringify(value)) });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'none', body: undefined }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'empty', body: new Uint8Array() }) },
    { weight: 3, arbitrary: fc.constant(valid).map(json('valid')) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(aPath, fc.oneof(fc.constantFrom('__proto__', 'constructor', 'tier', 'phase', 'owner'), anyText), anyJson)
        // A sibling of the chosen field: at the top for a flat body, inside `customer` for a filing.
        // defineProperty: an assignment to `__proto__` would set the prototype and send no such field.
        .map(([path, key, extra]) =>
          withPath(valid, path, (parent) => Object.defineProperty(parent, key, { value: extra, enumerable: true, writable: true, configurable: true })),
        )
        .map(json('unknown-field')),
    },
    { weight: 3, arbitrary: aPath.map((path) => withPath(valid, path, (parent, last) => delete parent[last])).map(json('missing-field')) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(aPath, anyJson)
        .map(([path, replacement]) => withPath(valid, path, (parent, last) => (parent[last] = replacement)))
        .map(json('wrong-value')),
    },
    {
      weight: 2,
      // JSON.stringify writes a lone surrogate as a `\ud800` escape: valid JSON, invalid text.
      arbitrary: fc
        .tuple(stringPath, fc.constantFrom('\ud800', 'a\udfffb', '\udc00\ud83d'))
        .map(([path, text]) => withPath(valid, path, (parent, last) => (parent[last] = text)))
        .map(json('lone-surrogate')),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json('random-json')) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>([], [valid], 'text', 42, true, null, -0).map(json('non-object')) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer({ min: 1, max: Math.max(1, validText.length - 1) }).map((n) => validText.slice(0, n)),
        fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":1,}', 'NaN', 'undefined', '{"a":1}{"b":2}', '\u0000', '[1,2', '{"a":"\\x"}', '{"a":"\\ud800"}'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((text) => !isJson(text)),
      ).map((text) => ({ kind: 'malformed', body: bytes(text) })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: validText.length }), brokenUtf8).map(([at, broken]) => {
        // Inside the first string value when there is one, so a lenient decoder would hand the handler a valid-looking body.
        const quote = validText.indexOf('":"');
        const position = quote >= 0 ? quote + 3 : at;
        const head = bytes(validText.slice(0, position));
        const tail = bytes(validText.slice(position));
        return { kind: 'broken-utf8', body: new Uint8Array([...head, ...broken, ...tail]) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => ({
        kind: 'deep',
        body: bytes(arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(aPath, fc.integer({ min: 64 * 1024, max: 160 * 1024 })).map(([path, size]) => ({
        kind: 'huge-body',
        body: bytes(JSON.stringify(withPath(valid, path, (parent, last) => (parent[last] = 'h'.repeat(size))))),
      })),
    },
  );
}

function pathSegments(seeded: Seeded, parameter: string): fc.Arbitrary<{ raw: string; encoded: string }> {
  const plain = (raw: string) => ({ raw, encoded: encodeURIComponent(raw) });
  const complaintIds = seeded.complaints.map((c) => c.id);
  return fc.oneof(
    { weight: parameter === 'token' ? 1 : 8, arbitrary: fc.constantFrom(...complaintIds).map(plain) },
    { weight: parameter === 'token' ? 8 : 1, arbitrary: fc.constant(seeded.surveyToken).map(plain) },
    { weight: 2, arbitrary: fc.constantFrom(...seeded.customerIds).map(plain) },
    { weight: 2, arbitrary: aUlid.map(plain) },
    { weight: 1, arbitrary: fc.constantFrom(...complaintIds).map((id) => plain(id.toLowerCase())) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(plain) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', '%00', '%2F', '%252F', 'a%20b', '%F0%9F%98%80', '..', '.', '~', 'CON', '%E2%80%AE')
        .map((encoded) => ({ raw: encoded, encoded })),
    },
    { weight: 1, arbitrary: oddText.filter((t) => t.length > 0 && !/\p{Surrogate}/u.test(t)).map(plain) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => plain('A'.repeat(n))) },
    { weight: 1, arbitrary: fc.constant(plain('')) },
  );
}

const knownQueryKeys = ['limit', 'cursor', 'scope', 'agentId', 'phase', 'category', 'escalationLevel', 'q', 'from', 'to', 'token'];

function queries(seeded: Seeded): fc.Arbitrary<string> {
  const cursorLike = fc
    .dictionary(
      fc.oneof(fc.constantFrom('pk', 'sk', 'gsi2pk', 'gsi2sk', 'openPk', 'openSk', 'gsi1pk'), fc.string({ maxLength: 8 })),
      fc.oneof(
        fc.constantFrom(...seeded.complaints.map((c) => `COMPLAINT#${c.id}`), 'EVENT#', 'COMPLAINT', 'OPEN', 'QUEUE#UNASSIGNED', ''),
        fc.string({ maxLength: 30 }),
      ),
      { maxKeys: 5 },
    )
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('1', '25', '100', '0', '-1', '1.5', '1e3', '0x10', ' 7', '', 'mine', 'all', 'agent', 'unassigned', 'agent-1', 'RECEIVED', 'CLOSED', 'logistics', '2025-11-24', '2025-11-24T00:00:00Z', '手表', 'true') },
    { weight: 2, arbitrary: anyText },
    { weight: 2, arbitrary: cursorLike },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  );
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...knownQueryKeys) }, { weight: 1, arbitrary: anyText });
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant('') },
    {
      weight: 5,
      arbitrary: fc
        .array(fc.tuple(key, value), { minLength: 1, maxLength: 4 })
        // URLSearchParams sends a lone surrogate as U+FFFD, as a browser would.
        .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?%zz=1', '?limit=%E0%A4%A', '?limit=1&limit=2', '?q=%00', '?a[b]=1', '?__proto__=1', '?constructor=x') },
  );
}

function requests(route: RouteDeclaration, seeded: Seeded): fc.Arbitrary<FuzzRequest> {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const valid = validBodies[route.handler] ?? {};
  const { tokens } = seeded;
  const target = fc.nat(seeded.complaints.length - 1);
  // Mostly the credentials the route wants, so most requests get past access into validation.
  const wants = (yes: boolean) => (yes ? 10 : 2);
  const staffGroups: readonly string[] = route.access === 'staff' ? (route.groups ?? []) : [];
  // Tags, resolved when the request is built: a rotated access token (an accepted POST …/access-token) replaces the one held.
  const authorization = fc.record({
    k: target,
    tag: fc.oneof(
      { weight: route.access === 'public' ? 8 : 3, arbitrary: fc.constant('none') },
      { weight: wants(route.access === 'customer'), arbitrary: fc.constant('customer') },
      { weight: wants(staffGroups.includes('agents')), arbitrary: fc.constant('agent') },
      { weight: wants(staffGroups.includes('supervisors')), arbitrary: fc.constant('supervisor') },
      { weight: 1, arbitrary: fc.constant('other-agent') },
      { weight: 2, arbitrary: fc.constantFrom('expired-agent', 'lowercase-scheme', 'tampered-agent', 'customer-plus-x') },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.constantFrom('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer e30.e30.', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
          headerText,
        ).map((raw) => `raw:${raw}`),
      },
    ),
  });
  const authorizationHeader = ({ k, tag }: { k: number; tag: string }): string | undefined => {
    const customer = seeded.complaints[k]!.accessToken;
    switch (tag) {
      case 'none':
        return undefined;
      case 'customer':
        return `Bearer ${customer}`;
      case 'agent':
        return `Bearer ${tokens.agent}`;
      case 'supervisor':
        return `Bearer ${tokens.supervisor}`;
      case 'other-agent':
        return `Bearer ${tokens.otherAgent}`;
      case 'expired-agent':
        return `Bearer ${tokens.expiredAgent}`;
      case 'lowercase-scheme':
        return `bearer   ${tokens.supervisor}`;
      case 'tampered-agent':
        return `Bearer ${tokens.agent.slice(0, -2)}xx`;
      case 'customer-plus-x':
        return `Bearer ${customer}x`;
      default:
        return tag.slice('raw:'.length);
    }
  };
  const pathArb = fc.tuple(...parameters.map((p) => pathSegments(seeded, p)));
  return fc
    .record({
      method: fc.oneof({ weight: 12, arbitrary: fc.constant<string>(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') }),
      path: parameters.length ? pathArb : fc.constant([] as { raw: string; encoded: string }[]),
      preferTarget: fc.boolean(),
      authorization,
      contentType: contentTypes,
      acceptLanguage: fc.oneof(fc.constantFrom(undefined, 'en', 'zh-CN', 'zh-CN,zh;q=0.9,en;q=0.8', 'fr', '*', 'zh;q=0', ''), headerText),
      idempotencyKey: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('key-1', 'a'.repeat(129), 'é'), headerText) }),
      extra: fc.option(fc.tuple(fc.constantFrom('x-forwarded-for', 'x-fuzz', 'origin', 'accept', 'content-encoding', 'transfer-encoding-x', 'expect-x'), headerText), { nil: undefined }),
      query: queries(seeded),
      body: bodies(valid),
    })
    .map((g) => {
      // Half the time the path names the complaint whose token is sent, so the handler gets past access.
      const segments = g.path.map((s, i) =>
        g.preferTarget && parameters[i] === 'id' && route.path.includes('complaints') ? { raw: seeded.complaints[g.authorization.k]!.id, encoded: seeded.complaints[g.authorization.k]!.id } : s,
      );
      let index = 0;
      const path = route.path.replace(/\{\w+\}/g, () => segments[index++]!.encoded);
      const headers: Record<string, string> = {};
      const auth = authorizationHeader(g.authorization);
      if (auth !== undefined) headers.authorization = auth;
      if (g.contentType !== undefined && g.body.body !== undefined) headers['content-type'] = g.contentType;
      if (g.acceptLanguage !== undefined) headers['accept-language'] = g.acceptLanguage;
      if (g.idempotencyKey !== undefined) headers['idempotency-key'] = g.idempotencyKey;
      if (g.extra) headers[g.extra[0]] = g.extra[1];
      // fetch refuses a body on GET.
      const body = g.method === 'GET' ? undefined : g.body.body;
      const request: FuzzRequest = {
        route,
        method: g.method,
        path,
        pathValues: segments.map((s) => s.raw),
        query: g.query,
        headers,
        body,
        bodyKind: body === undefined ? 'none' : g.body.kind,
      };
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

function describeRequest(r: FuzzRequest): string {
  const text = r.body === undefined ? '' : Buffer.from(r.body).toString('latin1');
  const shown = text.length > 300 ? `${text.slice(0, 300)}… (${r.body!.length} bytes)` : text;
  const path = r.path.length > 200 ? `${r.path.slice(0, 200)}…` : r.path;
  const query = r.query.length > 200 ? `${r.query.slice(0, 200)}…` : r.query;
  return `${r.method} ${path}${query} [${r.bodyKind}] headers=${JSON.stringify(r.headers).slice(0, 400)} body=${JSON.stringify(shown)}`;
}

/**
 * A body each handler accepts, the seed of the mutations; a route not listed
 * here is fuzzed around `{}`. Access revocation is left out on purpose: each
 * one accepted would take a seeded case's token away for the rest of the run.
 */
const validBodies: Record<string, Json> = {
  'api/file-complaint': { ...aFilingBody({ customer: { id: 'fuzz-filer', name: 'Fuzz', email: 'fuzz@example.com', locale: 'en' } }) },
  'api/confirm-resolution': { decision: 'reject', reason: 'still broken' },
  'api/answer-survey': { csat: 4, nps: 8, comment: 'ok' },
  'api/record-response': { message: 'We are on it' },
  'api/record-resolution': { rootCause: 'a', resolution: 'b', compensation: 'c' },
  'api/reply-to-complaint': { message: 'Here is the photo' },
  'api/request-information': { question: 'Which order?' },
  'api/escalate-by-hand': { level: 1, note: 'customer called twice' },
  'api/acknowledge-escalations': { level: 1 },
  'api/reassign-complaint': { agentId: 'agent-2', reason: 'holiday' },
  'api/set-customer-tier': { tier: 'vip' },
  'api/regrade-complaint': { severity: 'L2', reason: 'safety' },
  'api/pick-category': { category: 'billing_dispute', reason: 'charged twice' },
  'api/load-calendar': {
    fileName: 'closure.json',
    content: JSON.stringify({ entries: [{ date: '2026-12-31', kind: 'holiday', name: 'Year-end closure' }] }),
  },
};

// ------------------------------------------------------------------ checking

const problemContentType = /^application\/problem\+json(;|$)/;

/** Bodies no route may accept, whatever else the request gets right. */
const refusedKinds = new Set(['unknown-field', 'non-object', 'malformed', 'broken-utf8', 'lone-surrogate', 'deep', 'huge-body']);

function mustBeRefused(request: FuzzRequest): string | undefined {
  if (refusedKinds.has(request.bodyKind)) return `a ${request.bodyKind} body`;
  if (request.body === undefined || request.body.length === 0) return undefined;
  // The media type, and a charset that when given is UTF-8 (a parameter without a value is no charset).
  const [essence = '', ...parameters] = (request.headers['content-type'] ?? '').toLowerCase().split(';').map((p) => p.trim());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"(.*)"$/, '$1');
  const accepted = essence === 'application/json' || (request.route.path === '/staff/calendar' && essence === 'text/calendar');
  return accepted && (charset === undefined || charset === 'utf-8') ? undefined : `a body sent as ${JSON.stringify(request.headers['content-type'] ?? null)}`;
}

function assertAnswer(request: FuzzRequest, outcome: Outcome): void {
  const where = `${describeRequest(request)}\n→ ${outcome.status} ${outcome.contentType} ${outcome.text.slice(0, 500)}`;
  if (outcome.status >= 500) throw new Error(`5xx for ${where}`);
  const refusal = mustBeRefused(request);
  if (outcome.status < 400 && refusal !== undefined) throw new Error(`${refusal} was accepted for ${where}`);
  if (outcome.status < 400) return;
  if (!problemContentType.test(outcome.contentType)) throw new Error(`4xx without application/problem+json for ${where}`);
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(outcome.text) as Record<string, unknown>;
  } catch {
    throw new Error(`4xx whose body is not JSON for ${where}`);
  }
  for (const member of ['type', 'title', 'detail'] as const) {
    if (typeof problem[member] !== 'string' || problem[member] === '') throw new Error(`problem without ${member} for ${where}`);
  }
  if (problem.status !== outcome.status) throw new Error(`problem status ${String(problem.status)} differs from ${outcome.status} for ${where}`);
  if (String(problem.type).endsWith('/invalid') || problem.errors !== undefined) {
    const errors = problem.errors as { field?: unknown; problem?: unknown }[] | undefined;
    if (!Array.isArray(errors) || errors.length === 0 || errors.some((e) => typeof e.field !== 'string' || typeof e.problem !== 'string')) {
      throw new Error(`validation problem without its list of fields for ${where}`);
    }
  }
}

// ------------------------------------------------------------------ the table

type Snapshot = Map<string, string>;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function snapshot(endpoint: string): Promise<Snapshot> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const items: Snapshot = new Map();
  for await (const page of paginateScan({ client }, { TableName: 'closeloop-complaints', ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      const key = (name: string) => (item[name] as AttributeValue.SMember | undefined)?.S ?? '';
      items.set(`${key('pk')}|${key('sk')}`, canonical(item));
    }
  }
  client.destroy();
  return items;
}

// -------------------------------------------------------------------- the run

describe('Bad input, fuzzed over every route of the local stack', () => {
  let stack: LocalStack;
  let seeded: Seeded;

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
    seeded = await seedCases(stack);
  });
  afterAll(async () => stack?.stop());

  it(`answers ${runsPerRoute} generated requests per route with no 5xx, problem details for every 4xx, and stores nothing it refused`, async () => {
    const before = await snapshot(stack.runtime.endpoints.dynamodb);
    const started = performance.now();
    const perRoute = new Map<string, number>();
    const statuses = new Map<number, number>();
    const accepted: { request: FuzzRequest; body: Json }[] = [];

    const send = async (request: FuzzRequest): Promise<Outcome> => {
      const response = await fetch(`${stack.runtime.url}${request.path}${request.query}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        // Not a sleep: a guard, so a request the stack never answers fails with its input instead of hanging the run.
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const label = `${request.route.method} ${request.route.path}`;
      perRoute.set(label, (perRoute.get(label) ?? 0) + 1);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status < 300 && request.method !== 'GET') {
        const body = JSON.parse(text) as Json;
        accepted.push({ request, body });
        const rotated = seeded.complaints.find((c) => c.id === body.id);
        if (rotated && typeof body.accessToken === 'string') rotated.accessToken = body.accessToken;
      }
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
    };

    const failures = (
      await Promise.allSettled(
        routes.map((route) =>
          fc.assert(
            fc.asyncProperty(requests(route, seeded), async (request) => assertAnswer(request, await send(request))),
            { numRuns: runsPerRoute, ...(seed === undefined ? {} : { seed }), includeErrorInReport: true },
          ),
        ),
      )
    ).flatMap((result, i) => (result.status === 'rejected' ? [`${routes[i]!.method} ${routes[i]!.path}: ${(result.reason as Error).message}`] : []));

    await stack.runtime.settle();
    const seconds = (performance.now() - started) / 1000;
    const after = await snapshot(stack.runtime.endpoints.dynamodb);
    const unexplained = unexplainedChanges(before, after, accepted);

    const sent = [...perRoute.values()].reduce((a, b) => a + b, 0);
    console.log(
      [
        `fuzz: ${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s)`,
        `per route: ${[...perRoute].map(([r, n]) => `${r} ${n}`).join('; ')}`,
        `statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`,
        `accepted writes (valid by chance): ${accepted.length}: ${countBy(accepted.map((a) => `${a.request.route.method} ${a.request.route.path}`))}`,
      ].join('\n'),
    );

    expect(failures).toEqual([]);
    expect(unexplained).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(totalRequests);
    for (const route of routes) expect(perRoute.get(`${route.method} ${route.path}`)).toBeGreaterThanOrEqual(runsPerRoute);
  }, 300_000);
});

function countBy(labels: string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${label} ${n}`).join('; ');
}

/**
 * Items that changed though no accepted request may have changed them. An
 * accepted request may change the partitions it names (path parameters, the
 * ids and case numbers in its answer) and the bookkeeping items of its kind.
 */
function unexplainedChanges(before: Snapshot, after: Snapshot, accepted: { request: FuzzRequest; body: Json }[]): string[] {
  const caseNumbers = new Map<string, string>();
  for (const [key, item] of after) {
    const match = /"caseNumber":\{"S":"([^"]+)"\}/.exec(item);
    if (key.endsWith('|COMPLAINT') && match) caseNumbers.set(match[1]!, key.split('|')[0]!);
  }
  const allowed = new Set<string>();
  const prefixes = new Set<string>();
  for (const { request, body } of accepted) {
    for (const value of request.pathValues) allowed.add(`COMPLAINT#${value}`).add(`CUSTOMER#${value}`);
    if (typeof body.id === 'string') allowed.add(`COMPLAINT#${body.id}`);
    if (typeof body.customerId === 'string') allowed.add(`CUSTOMER#${body.customerId}`);
    if (typeof body.caseNumber === 'string' && caseNumbers.has(body.caseNumber)) allowed.add(caseNumbers.get(body.caseNumber)!);
    for (const prefix of bookkeeping[request.route.handler] ?? []) prefixes.add(prefix);
  }
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys]
    .filter((key) => before.get(key) !== after.get(key))
    .filter((key) => {
      const pk = key.split('|')[0]!;
      return !allowed.has(pk) && ![...prefixes].some((p) => pk.startsWith(p));
    })
    .map((key) => `${key}: ${before.has(key) ? (after.has(key) ? 'changed' : 'deleted') : 'added'}`);
}

/** Items a handler writes besides the partitions its request or answer names. */
const bookkeeping: Record<string, string[]> = {
  'api/file-complaint': ['COUNTER#CASE#', 'IDEMPOTENCY#'],
  'api/answer-survey': ['SURVEY#'],
  'api/load-calendar': ['CALENDAR'],
};

/**
 * Cases in every phase a route acts on, each with its customer's token, and
 * a real survey link: so generated requests with real credentials get past
 * access into the handlers' validation.
 */
async function seedCases(stack: LocalStack): Promise<Seeded> {
  const file = async (n: number) => {
    const answer = await stack.request<{ id: string; accessToken: string }>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: `fuzz-${n}`, name: `Fuzz ${n}`, email: `fuzz-${n}@example.com`, locale: n % 2 ? 'en' : 'zh-CN' } }),
    });
    if (answer.status !== 201) throw new Error(`seed filing ${n}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const expect2xx = async (method: string, path: string, body?: unknown) => {
    const answer = await stack.request(method, path, { token: stack.agentToken, ...(body === undefined ? {} : { body }) });
    if (answer.status >= 300) throw new Error(`seed ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const [received, responded, resolved, paused, closed] = await Promise.all([1, 2, 3, 4, 5].map(file)) as [
    { id: string; accessToken: string },
    { id: string; accessToken: string },
    { id: string; accessToken: string },
    { id: string; accessToken: string },
    { id: string; accessToken: string },
  ];
  for (const c of [responded, resolved, paused, closed]) await expect2xx('POST', `/staff/complaints/${c.id}/claim`);
  await expect2xx('POST', `/staff/complaints/${responded.id}/responses`, { message: 'On it' });
  await expect2xx('POST', `/staff/complaints/${paused.id}/info-requests`, { question: 'Which order?' });
  for (const c of [resolved, closed]) await expect2xx('POST', `/staff/complaints/${c.id}/resolution`, { rootCause: 'late van', resolution: 'refunded' });
  const confirmed = await stack.request('POST', `/complaints/${closed.id}/confirmation`, { token: closed.accessToken, body: { decision: 'accept' } });
  if (confirmed.status !== 200) throw new Error(`seed confirmation: ${confirmed.status}`);
  await stack.advanceBy(25);
  const survey = (await stack.emailsTo('fuzz-5@example.com')).map((m) => /\/surveys\/([^\s"'<>]+)/.exec(m.text ?? '')?.[1]).find(Boolean);
  if (!survey) throw new Error('seed: no survey link was mailed');
  const [otherAgent, expiredAgent] = await Promise.all([issueStaffToken('agent', 'agent-9'), issueStaffToken('agent', 'agent-1', -60)]);
  return {
    complaints: [received, responded, resolved, paused, closed],
    surveyToken: survey,
    customerIds: ['fuzz-1', 'c-1001', 'fuzz-new'],
    tokens: { agent: stack.agentToken, supervisor: stack.supervisorToken, otherAgent, expiredAgent },
  };
}
