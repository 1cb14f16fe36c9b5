import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RouteDeclaration, routes } from '#declarations/routes.ts';
import { problemStatuses } from '#contract/openapi.ts';
import { openApiDocumentText } from '#local/openapi-document.ts';
import { webApiTypesText } from '#local/web-api-types.ts';

const committed = readFileSync(new URL('../../openapi/closeloop.json', import.meta.url), 'utf8');
const document = JSON.parse(committed) as {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security: unknown[];
        responses: Record<string, unknown>;
        requestBody?: {
          content: Record<string, { examples?: Record<string, unknown> }>;
        };
      }
    >
  >;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    path,
    method: method.toUpperCase(),
    operation,
  })),
);

describe('OpenAPI document: generated from the route contracts', () => {
  it('is what `npm run openapi` writes from the contracts today (run it after changing a route)', () => {
    expect(committed).toBe(openApiDocumentText());
  });

  it("gives the web app's client the types `npm run openapi` writes from this document today", async () => {
    const webTypes = readFileSync(new URL('../../web/src/api/schema.ts', import.meta.url), 'utf8');
    expect(webTypes).toBe(await webApiTypesText(committed));
  });

  it('has one operation per route of the route table, and no other', () => {
    expect(operations.map((o) => `${o.method} ${o.path} ${o.operation.operationId}`).sort()).toEqual(
      routes.map((r) => `${r.method} ${r.path} ${r.functionName}`).sort(),
    );
  });

  it('documents the problem answers each route can give, and who may call it', () => {
    for (const route of routes) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      const statuses = Object.keys(operation.responses).map(Number);
      expect(statuses, route.functionName).toEqual(
        expect.arrayContaining([...Object.keys(route.responses).map(Number), ...problemStatuses(route)]),
      );
      const expectedSecurity =
        route.access === 'staff'
          ? [{ staffCognito: [] }]
          : route.access === 'customer'
            ? expect.arrayContaining([{ caseAccessToken: [] }])
            : [];
      expect(operation.security, route.functionName).toEqual(expectedSecurity);
      if (route.access === 'staff') expect(statuses).toContain(403);
      if (route.access !== 'public') expect(statuses).toContain(401);
    }
  });

  it('gives every JSON body an example in Chinese and one in English', () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const route of (routes as readonly RouteDeclaration[]).filter((r) => r.request.body)) {
      const examples = Object.values(
        document.paths[route.path]![route.method.toLowerCase()]!.requestBody!.content['application/json']!.examples ?? {},
      );
      const texts = examples.map((e) => JSON.stringify(e));
      expect(
        texts.some((t) => cjk.test(t)),
        `${route.functionName} has a Chinese example`,
      ).toBe(true);
      expect(
        texts.some((t) => /[A-Za-z]{4,} [A-Za-z]{3,}/.test(t)),
        `${route.functionName} has an English example`,
      ).toBe(true);
    }
  });
});
