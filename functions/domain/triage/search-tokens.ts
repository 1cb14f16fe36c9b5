import stopwords from './lexicons/stopwords.json' with { type: 'json' };
import { hanChar, normalizeText, stem } from './text.ts';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const stopEn = new Set(stopwords.en);
const stopZh = new Set(stopwords.zh);

/**
 * Tokens for case-library search and similarity. Chinese: the words ICU's segmenter
 * finds, plus every character bigram, because the dictionary misses product names
 * and new words (a bigram of 烧焦 still meets 烧焦味). English: lowercased, lightly
 * stemmed, stopwords dropped. Numbers are kept (order numbers, 12315). No duplicates.
 */
export function searchTokens(text: string): string[] {
  const normalized = normalizeText(text);
  const tokens = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (!isWordLike) continue;
    if (hanChar.test(segment)) {
      if (!stopZh.has(segment)) tokens.add(segment);
      continue;
    }
    for (const word of segment.match(/[a-z0-9]+(?:[',.][a-z0-9]+)*/g) ?? []) {
      if (/^\d[\d,.]*$/.test(word)) {
        tokens.add(word.replaceAll(',', ''));
      } else if (!stopEn.has(word) && !stopEn.has(word.replaceAll("'", ''))) {
        const stemmed = stem(word).replaceAll("'", '');
        if (stemmed) tokens.add(stemmed);
      }
    }
  }
  for (const run of normalized.match(/\p{Script=Han}{2,}/gu) ?? []) {
    for (let i = 0; i + 2 <= run.length; i += 1) tokens.add(run.slice(i, i + 2));
  }
  return [...tokens];
}
