import { rankCases } from '#domain/case-library.ts';
import { searchTokens } from '#domain/triage/search-tokens.ts';
import { tableCaseLibrary } from '#adapters/case-library-search.ts';

/** Bounded: at most this many newest cases per category are read and ranked. */
const candidatesPerCategory = 500;

type Filter = Parameters<typeof tableCaseLibrary.candidates>[0];

/** Staff look up how similar cases were closed: ranked by shared words, or newest first without a query. */
export async function searchCaseLibrary<Q extends Filter & { q?: string | undefined; limit: number }>(query: Q) {
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
    query: { ...query, tokens },
    read: entries.length,
    truncated,
    results: results.map(({ entry, score, matched }) => {
      const { tokens: _tokens, ...shown } = entry;
      return { ...shown, score, matched };
    }),
  };
}
