/** The product API as a client calls it, counting requests per complaint. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface ApiRequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** The complaint the request is about: sent as `x-bench-complaint`, and counted against it. */
  complaintId?: string;
}

export class ApiClient {
  /** Requests answered with an unexpected status, by `METHOD path-pattern status`. */
  readonly failures = new Map<string, number>();

  constructor(
    readonly baseUrl: string,
    private readonly onRequest: (complaintId: string | undefined, answerBody: unknown) => void = () => undefined,
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.complaintId ? { 'x-bench-complaint': options.complaintId } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const body = (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : {}) as T;
    this.onRequest(options.complaintId, body);
    return { status: response.status, body };
  }

  /** Like `request`, but a status outside `expected` is counted as a failure (the bench goes on). */
  async expect<T = Record<string, unknown>>(
    expected: readonly number[],
    method: string,
    path: string,
    options: ApiRequestOptions = {},
  ): Promise<ApiAnswer<T>> {
    const answer = await this.request<T>(method, path, options);
    if (!expected.includes(answer.status)) {
      const pattern = path.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=\/|$)/g, '/{id}').replace(/\/surveys\/[^/]+/, '/surveys/{token}');
      const key = `${method} ${pattern} ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`;
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    }
    return answer;
  }
}
