import * as z from 'zod';
import { rankCases } from '#domain/case-library.ts';
import { categories } from '#domain/complaint.ts';
import { searchTokens } from '#domain/triage/search-tokens.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, queryInteger } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const day = z.iso.date().or(z.iso.datetime());
const SearchQuery = z.strictObject({
  category: z.enum(categories).optional(),
  q: z.string().trim().max(500).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: queryInteger(1, 50).default(20),
});

/** Bounded: at most this many newest cases per category are read and ranked. */
const candidatesPerCategory = 500;

export const handler = apiHandler(async (request) => {
  staffIdentity(request, ['agents', 'supervisors']);
  const query = parseOrThrow(SearchQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
  const { entries, truncated } = await tableCaseLibrary.candidates(
    { ...(query.category ? { category: query.category } : {}), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
    candidatesPerCategory,
  );
  const tokens = query.q ? searchTokens(query.q) : [];
  const results = query.q
    ? rankCases(tokens, entries, query.limit)
    : entries
        .sort((a, b) => b.closedAt.localeCompare(a.closedAt))
        .slice(0, query.limit)
        .map((entry) => ({ entry, score: 0, matched: [] as string[] }));
  return {
    statusCode: 200,
    body: {
      query: { ...query, tokens },
      read: entries.length,
      truncated,
      results: results.map(({ entry, score, matched }) => {
        const { tokens: _tokens, ...shown } = entry;
        return { ...shown, score, matched };
      }),
    },
  };
}, { readsQuery: true });
