import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../lib/project-paths.ts';

interface ViewerRequest {
  uri: string;
  querystring?: Record<string, { value: string }>;
}
interface Redirect {
  statusCode: number;
  statusDescription: string;
  headers: Record<string, { value: string }>;
}
type Handler = (event: { request: ViewerRequest }) => ViewerRequest | Redirect;

/** The file exactly as CloudFront receives it (FunctionCode.fromFile), evaluated as a script. */
const source = readFileSync(projectFile('lib/web-routing-function.js'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the deployed source is the point
const handler = new Function(`${source}\nreturn handler;`)() as Handler;

const viewerRequest = (uri: string, querystring: ViewerRequest['querystring'] = {}) => ({ request: { uri, querystring } });

describe('CloudFront Function: web app routing (lib/web-routing-function.js)', () => {
  it('keeps to what cloudfront-js-2.0 runs: no module syntax, a top-level handler', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).toMatch(/^function handler\(event\)/m);
  });

  it.each([
    ['/desk', '/desk/index.html'],
    ['/desk/', '/desk/index.html'],
    ['/desk/cases/123', '/desk/index.html'],
    ['/desk/callback', '/desk/index.html'],
    ['/portal', '/portal/index.html'],
    ['/portal/', '/portal/index.html'],
    ['/portal/track/01ABC', '/portal/index.html'],
  ])('serves a deep link %s the app page %s', (uri, expected) => {
    expect(handler(viewerRequest(uri))).toMatchObject({ uri: expected });
  });

  it.each(['/assets/x-abc.js', '/assets/index-9f8e7d.css', '/config.json', '/desk/index.html', '/portal/favicon.ico'])(
    'passes a file %s to the bucket unchanged',
    (uri) => {
      expect(handler(viewerRequest(uri))).toMatchObject({ uri });
    },
  );

  it.each(['/deskfoo', '/portals/x', '/other/page'])('leaves %s outside both apps alone (the bucket answers)', (uri) => {
    expect(handler(viewerRequest(uri))).toMatchObject({ uri });
  });

  it('keeps the query string of the sign-in callback, which carries the authorization code', () => {
    const querystring = { code: { value: 'abc' }, state: { value: 'xyz' } };
    expect(handler(viewerRequest('/desk/callback', querystring))).toEqual({ uri: '/desk/index.html', querystring });
  });

  it('sends / to the customer portal with a 302', () => {
    expect(handler(viewerRequest('/'))).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/portal/' } },
    });
  });
});
