import { describe, expect, it } from 'vitest';
import { forgetToken, rememberToken, takeToken, tokenInFragment, trackUrl, trackedComplaintId } from '../src/portal/access-token.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};
const recordingHistory = () => {
  const urls: (string | null | undefined)[] = [];
  return { urls, replaceState: (_data: unknown, _unused: string, url?: string | null) => void urls.push(url) };
};
const id = '01JD8Z6Q2W3E4R5T6Y7V8K9M0P';

describe('Portal access token', () => {
  it('reads the token from the fragment only', () => {
    expect(tokenInFragment('#token=abc_-123')).toBe('abc_-123');
    expect(tokenInFragment('token=abc')).toBe('abc');
    expect(tokenInFragment('#lang=zh&token=abc')).toBe('abc');
    expect(tokenInFragment('#token=')).toBeUndefined();
    expect(tokenInFragment('')).toBeUndefined();
    expect(tokenInFragment('#other=1')).toBeUndefined();
  });

  it('builds the track link with the token in the fragment, never the query string', () => {
    const url = trackUrl(id, 'tok+/=en');
    expect(url).toBe(`/portal/track/${id}#token=tok%2B%2F%3Den`);
    expect(url).not.toContain('?');
    expect(tokenInFragment(url.slice(url.indexOf('#')))).toBe('tok+/=en');
    expect(trackedComplaintId(url.slice(0, url.indexOf('#')))).toBe(id);
    expect(trackedComplaintId(`/portal/track/${id}/`)).toBe(id);
    expect(trackedComplaintId('/portal/')).toBeUndefined();
    expect(trackedComplaintId('/portal/track/%E0%A4%A')).toBeUndefined();
  });

  it('keeps a token from the link per complaint and drops it from the address bar', () => {
    const storage = memoryStorage();
    const history = recordingHistory();
    const token = takeToken(id, { pathname: `/portal/track/${id}`, search: '?lang=zh', hash: '#token=secret' }, history, storage);
    expect(token).toBe('secret');
    expect(history.urls).toEqual([`/portal/track/${id}?lang=zh`]);
    expect([...storage.items.values()]).toEqual(['secret']);
    expect([...storage.items.keys()][0]).toContain(id);

    // Opened again without the fragment (a reload): the kept token, and the address bar is left alone.
    const again = recordingHistory();
    expect(takeToken(id, { pathname: `/portal/track/${id}`, search: '', hash: '' }, again, storage)).toBe('secret');
    expect(again.urls).toEqual([]);
    // Another complaint's page does not get this one's token.
    expect(takeToken('01JD8Z6Q2W3E4R5T6Y7V8K9M0Q', { pathname: '/portal/track/x', search: '', hash: '' }, again, storage)).toBeUndefined();
  });

  it('a newer link wins over the kept token; a refused one can be forgotten', () => {
    const storage = memoryStorage();
    rememberToken(storage, id, 'old');
    expect(takeToken(id, { pathname: '/p', search: '', hash: '#token=new' }, recordingHistory(), storage)).toBe('new');
    forgetToken(storage, id);
    expect(takeToken(id, { pathname: '/p', search: '', hash: '' }, recordingHistory(), storage)).toBeUndefined();
  });

  it('works without storage, or with storage that refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(takeToken(id, { pathname: '/p', search: '', hash: '#token=t' }, recordingHistory(), refusing)).toBe('t');
    expect(takeToken(id, { pathname: '/p', search: '', hash: '' }, recordingHistory(), refusing)).toBeUndefined();
    expect(takeToken(id, { pathname: '/p', search: '', hash: '#token=t' }, recordingHistory(), undefined)).toBe('t');
    expect(() => forgetToken(refusing, id)).not.toThrow();
  });
});
