import { rankCases } from '#domain/case-library.ts';
import { searchTokens } from '#domain/triage/search-tokens.ts';
import { searchCasesRoute } from '#contract/routes/search-cases.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';
import { routeHandler } from '../http/route-handler.ts';

/** Bounded: at most this many newest cases per category are read and ranked. */
const candidatesPerCategory = 500;

export const handler = routeHandler(searchCasesRoute)(async ({ query }) => {
  const { entries, truncated } = await tableCaseLibrary.candidates(
    {
      ...(query.category ? { category: query.category } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    },
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
});
