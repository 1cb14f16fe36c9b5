import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteContract } from './define-route.ts';
import { Problem } from './schemas.ts';

// Built at development time (npm run openapi) and by the local runtime; never bundled into a function.

type Security = Record<string, string[]>[];

const securitySchemes = {
  staffCognito: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Staff: a Cognito ID token of the staff user pool (groups `agents` and `supervisors`). Locally, `npm start` prints tokens for a sample agent and supervisor.',
  },
  caseAccessToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The customer: the case access token answered when the complaint was filed (`accessToken`).',
  },
  signedLink: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'The customer: the signed link token of the resolution email, instead of the case access token.',
  },
} as const;

interface ProblemText {
  description: string;
  en: string;
  zh: string;
}

const problemTexts: Record<number, ProblemText> = {
  400: {
    description: 'A parameter, header or the body is invalid; `errors` names each field',
    en: 'customer.email: Invalid email address',
    zh: 'customer.email：邮箱地址无效',
  },
  401: {
    description: 'No credentials, or not valid ones',
    en: 'Send the case access token as "Authorization: Bearer <accessToken>"',
    zh: '请在 Authorization 头中提供案件访问令牌（Bearer）',
  },
  403: {
    description: "The caller's groups or team do not allow this",
    en: 'this action needs membership of: supervisors',
    zh: '此操作需要以下用户组之一：supervisors',
  },
  404: {
    description: 'No such complaint, or a token that does not open it (answered alike, so ids cannot be probed)',
    en: 'complaint 01JD8Z6Q2W3E4R5T6Y7V8K9M0P was not found',
    zh: '未找到投诉 01JD8Z6Q2W3E4R5T6Y7V8K9M0P',
  },
  409: {
    description: 'Conflicts with the state of the case, or with a decision already taken',
    en: 'The resolution was already accepted',
    zh: '该处理结果已被接受',
  },
  410: {
    description: 'The link expired or was revoked',
    en: 'this link has expired',
    zh: '该链接已过期',
  },
  413: {
    description: 'The body is larger than the route takes',
    en: 'The body is larger than the limit of 64 KiB',
    zh: '请求正文超过 64 KiB 上限',
  },
  415: {
    description: 'The body is not of a media type the route takes',
    en: 'The body must be application/json (UTF-8)',
    zh: '请求正文须为 application/json（UTF-8）',
  },
  422: {
    description: 'Well formed but cannot be processed (an Idempotency-Key reused with another body)',
    en: 'this Idempotency-Key was already used with a different request body',
    zh: '此 Idempotency-Key 已用于另一个不同的请求',
  },
  429: {
    description: 'Throttled by the gateway, or the case is being changed by several callers at once (nothing was saved; retry after Retry-After seconds)',
    en: 'This complaint is being changed by several people at once; nothing was saved, please retry',
    zh: '这件投诉正被多人同时修改，本次请求未生效，请稍后重试',
  },
  500: {
    description: 'Something went wrong on our side; retry (with the same Idempotency-Key when filing)',
    en: 'Something went wrong on our side; please retry',
    zh: '服务暂时出错，请稍后重试',
  },
};

/** Every problem a route can answer, from what it takes and who may call it. */
export function problemStatuses(route: RouteContract): number[] {
  const statuses = new Set<number>([400, 429, 500, ...(route.problems ?? [])]);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'staff') statuses.add(403);
  if (route.request.params || route.access === 'customer') statuses.add(404);
  if (route.request.body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

function securityOf(route: RouteContract): Security {
  if (route.access === 'staff') return [{ staffCognito: [] }];
  if (route.access === 'customer') return route.linkPurpose ? [{ caseAccessToken: [] }, { signedLink: [] }] : [{ caseAccessToken: [] }];
  return [];
}

function problemResponse(status: number) {
  const text = problemTexts[status] ?? {
    description: 'A problem',
    en: 'A problem',
    zh: '出现问题',
  };
  const example = (detail: string, title: string) => ({
    type: `https://closeloop.dev/problems/${status}`,
    title,
    status,
    detail,
  });
  return {
    description: text.description,
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: {
          en: {
            summary: 'English (Accept-Language: en)',
            value: example(text.en, 'Problem'),
          },
          'zh-CN': {
            summary: '中文（Accept-Language: zh-CN）',
            value: example(text.zh, '问题'),
          },
        },
      },
    },
  };
}

function successResponses(route: RouteContract) {
  return Object.fromEntries(
    Object.entries(route.responses).map(([status, declared]) => {
      const contentType = declared.contentType ?? 'application/json';
      const content = {
        ...(declared.body ? { [contentType]: { schema: declared.body } } : { [contentType]: { schema: { type: 'string' as const } } }),
        ...Object.fromEntries((declared.alternativeContentTypes ?? []).map((type) => [type, { schema: { type: 'string' as const } }])),
      };
      return [
        status,
        {
          description: declared.description,
          content,
          ...(declared.headers
            ? {
                headers: Object.fromEntries(
                  Object.entries(declared.headers).map(([name, description]) => [
                    name,
                    { description, schema: { type: 'string' as const } },
                  ]),
                ),
              }
            : {}),
        },
      ];
    }),
  );
}

function describe(route: RouteContract): string {
  const who =
    route.access === 'staff'
      ? `Staff of the groups: ${(route.groups ?? []).join(', ')}.`
      : route.access === 'customer'
        ? `The complaint's customer, with the case access token${route.linkPurpose ? ' or the signed link of the email' : ''}.`
        : 'Anyone: no sign-in.';
  return [route.description, `**Who may call it:** ${who}`].filter(Boolean).join('\n\n');
}

/** The OpenAPI 3.1 document of every route, generated from their contracts. */
export function openApiDocument(routes: readonly RouteContract[], version: string) {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', name, scheme);
  for (const status of Object.keys(problemTexts))
    registry.registerComponent('responses', `Problem${status}`, problemResponse(Number(status)));
  for (const route of routes) {
    const { params, query, headers, body, mediaTypes, examples } = route.request;
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put',
      path: route.path,
      operationId: route.functionName,
      summary: route.summary,
      description: describe(route),
      tags: [route.tag],
      security: securityOf(route),
      request: {
        ...(params ? { params } : {}),
        ...(query ? { query } : {}),
        ...(headers ? { headers } : {}),
        ...(body
          ? {
              body: {
                required: true,
                content: Object.fromEntries(
                  (mediaTypes ?? ['application/json']).map((type) => [
                    type,
                    type === 'application/json'
                      ? { schema: body, ...(examples ? { examples } : {}) }
                      : {
                          schema: {
                            type: 'string' as const,
                            description: `The file as it is (${type})`,
                          },
                        },
                  ]),
                ),
              },
            }
          : {}),
      },
      responses: {
        ...successResponses(route),
        ...Object.fromEntries(
          problemStatuses(route).map((status) => [String(status), { $ref: `#/components/responses/Problem${status}` }]),
        ),
      },
    });
  }
  // Problem is referenced from the shared problem responses, not from a path: list it by itself.
  const generator = new OpenApiGeneratorV31([...registry.definitions, { type: 'schema', schema: Problem }]);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'closeloop complaint desk API',
      version,
      description:
        'File complaints, follow them, confirm resolutions and answer surveys (customers); work the queue, respond, resolve and escalate (staff). Every problem is `application/problem+json` (RFC 9457), its `detail` in the language of `Accept-Language` (zh-CN or English). 投诉受理、跟踪、确认与回访接口；错误信息按 Accept-Language 返回中文或英文。',
    },
    servers: [{ url: '/', description: 'The desk this document is served by' }],
    tags: [
      {
        name: 'Customer',
        description: 'The customer: file, follow, reply, confirm',
      },
      { name: 'Staff', description: 'Agents and supervisors (Cognito)' },
      {
        name: 'Links',
        description: 'Pages and answers behind the links of emails',
      },
    ],
  });
}
