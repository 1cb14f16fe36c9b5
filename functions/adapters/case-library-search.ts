import { indexes, keys } from '#declarations/table-schema.ts';
import type { CaseLibraryEntry } from '#domain/case-library.ts';
import { caseCategories, type CaseCategory } from '#domain/complaint.ts';
import { fromCaseLibraryItem } from './stores/case-library.ts';
import { queryPages } from './stores/query-paginator.ts';

/**
 * Where case-library candidates come from. Today: the table's caseLibrary
 * index, a bounded read by category and closing time. When the library
 * outgrows that, an OpenSearch implementation of this interface (fed from the
 * same putCaseLibraryEntry write) replaces it without touching handlers or the
 * ranking in the domain.
 */
export interface CaseLibrarySource {
  candidates(
    filter: { category?: CaseCategory; from?: string; to?: string },
    perCategory: number,
  ): Promise<{
    entries: CaseLibraryEntry[];
    truncated: boolean;
  }>;
}

async function newestOfCategory(category: CaseCategory, from: string, to: string, bound: number) {
  const index = indexes.caseLibrary;
  const entries: CaseLibraryEntry[] = [];
  const pages = queryPages(
    {
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: { ':pk': keys.libraryIndex(category), ':from': from, ':to': `${to}\uffff` },
      ScanIndexForward: false,
    },
    bound,
  );
  for await (const page of pages) {
    entries.push(...page.items.map(fromCaseLibraryItem));
    if (entries.length >= bound) {
      return { entries: entries.slice(0, bound), truncated: entries.length > bound || page.lastKey !== undefined };
    }
  }
  return { entries, truncated: false };
}

export const tableCaseLibrary: CaseLibrarySource = {
  async candidates(filter, perCategory) {
    // A case closed before anyone picked its category is filed under `uncertain`: read like any other.
    const wanted = filter.category ? [filter.category] : [...caseCategories];
    const pages = await Promise.all(
      wanted.map((category) => newestOfCategory(category, filter.from ?? '', filter.to ?? '9999', perCategory)),
    );
    return { entries: pages.flatMap((p) => p.entries), truncated: pages.some((p) => p.truncated) };
  },
};
