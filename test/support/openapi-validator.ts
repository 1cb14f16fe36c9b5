import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks requests and answers against the committed OpenAPI document with a
 * standard JSON Schema 2020-12 validator (Ajv), never with our own zod
 * schemas, so the document cannot drift from what the desk really does.
 */
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: object;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    responses: Record<string, { content: Record<string, { schema: object }> }>;
  };
}

export interface Exchange {
  method: string;
  /** The path with its query string, as sent. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  contentType: string;
  answer: unknown;
}

const documentId = 'https://closeloop.dev/openapi.json';
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export function openApiValidator(file = new URL('../../openapi/closeloop.json', import.meta.url)) {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // ulid is not one of JSON Schema's formats: Crockford base32, 26 characters.
  ajv.addFormat('ulid', /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  ajv.addSchema(document, documentId);
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`),
    names: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  }));
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (path: string) => {
    let validate = compiled.get(path);
    if (!validate) {
      validate = ajv.getSchema(`${documentId}#/${path}`);
      if (!validate) throw new Error(`no schema at ${path}`);
      compiled.set(path, validate);
    }
    return validate;
  };
  const check = (path: string, value: unknown, what: string): string[] => {
    const validate = validatorAt(path);
    return validate(value) ? [] : [`${what}: ${ajv.errorsText(validate.errors)}`];
  };

  /** Every way the exchange departs from the document; empty when it conforms. */
  return function violations(exchange: Exchange): string[] {
    const url = new URL(exchange.url, 'http://desk');
    const found = templates.find((t) => t.pattern.test(url.pathname) && document.paths[t.template]![exchange.method.toLowerCase()]);
    if (!found) return [`${exchange.method} ${url.pathname}: no operation in the document`];
    const method = exchange.method.toLowerCase();
    const operation = document.paths[found.template]![method]!;
    const base = pointer('paths', found.template, method);
    const requestProblems: string[] = [];
    const values = found.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const pathValues = Object.fromEntries(found.names.map((name, i) => [name, values[i]]));
    const parameters = operation.parameters ?? [];
    parameters.forEach((parameter, i) => {
      const value =
        parameter.in === 'path'
          ? pathValues[parameter.name]
          : parameter.in === 'query'
            ? (url.searchParams.get(parameter.name) ?? undefined)
            : Object.entries(exchange.headers).find(([name]) => name.toLowerCase() === parameter.name.toLowerCase())?.[1];
      if (value === undefined) {
        if (parameter.required) requestProblems.push(`${operation.operationId}: ${parameter.in} parameter ${parameter.name} is required`);
        return;
      }
      requestProblems.push(...check(`${base}/parameters/${i}/schema`, value, `${operation.operationId} ${parameter.in} ${parameter.name}`));
    });
    for (const name of url.searchParams.keys()) {
      if (!parameters.some((p) => p.in === 'query' && p.name === name))
        requestProblems.push(`${operation.operationId}: query parameter ${name} is not documented`);
    }
    if (exchange.body !== undefined) {
      if (!operation.requestBody?.content['application/json']) requestProblems.push(`${operation.operationId}: takes no JSON body`);
      else
        requestProblems.push(
          ...check(
            `${base}/requestBody/content/${pointer('application/json')}/schema`,
            exchange.body,
            `${operation.operationId} request body`,
          ),
        );
    }
    // A 400 says the request departs from the contract: the document must agree that it does.
    const problems =
      exchange.status === 400
        ? requestProblems.length
          ? []
          : [`${operation.operationId}: answered 400 to a request the document accepts`]
        : requestProblems;
    let response = operation.responses[String(exchange.status)];
    let responsePath = `${base}/responses/${exchange.status}`;
    if (response?.$ref) {
      const name = response.$ref.split('/').pop()!;
      response = document.components.responses[name];
      responsePath = pointer('components', 'responses', name);
    }
    if (!response) return [...problems, `${operation.operationId}: status ${exchange.status} is not documented`];
    const mediaType = exchange.contentType.split(';')[0]!.trim();
    if (!response.content?.[mediaType])
      return [...problems, `${operation.operationId} ${exchange.status}: content type ${mediaType} is not documented`];
    if (mediaType.endsWith('json')) {
      problems.push(
        ...check(
          `${responsePath}/content/${pointer(mediaType)}/schema`,
          exchange.answer,
          `${operation.operationId} ${exchange.status} answer`,
        ),
      );
    }
    return problems;
  };
}
