import { StepFunctionsError } from './errors.ts';

/**
 * One page of a list, as the service pages them: `maxResults` 0 or absent
 * means 100 (the service's default), `nextToken` is opaque to the caller and
 * names the list it came from, so a token is refused by any other list.
 */
export function pageOf<T>(
  items: readonly T[],
  list: string,
  input: { maxResults?: number | undefined; nextToken?: string | undefined },
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (input.nextToken !== undefined) {
    const [from, at] = Buffer.from(input.nextToken, 'base64url').toString().split('\n');
    offset = Number(at);
    if (from !== list || !Number.isInteger(offset) || offset < 0 || offset > items.length) {
      throw new StepFunctionsError('InvalidToken', 'Invalid Token: the nextToken does not belong to this request');
    }
  }
  const max = input.maxResults || 100;
  const end = offset + max;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`${list}\n${end}`).toString('base64url') } : {}),
  };
}
