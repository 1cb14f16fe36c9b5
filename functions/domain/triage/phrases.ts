import { englishWords, hanChar, normalizeText, type Word } from './text.ts';

/** A text prepared once and matched against every lexicon. */
export interface AnalysedText {
  text: string;
  words: Word[];
}

export function analyse(raw: string): AnalysedText {
  const text = normalizeText(raw);
  return { text, words: englishWords(text) };
}

/** Two analysed texts as one, separated by a line break, without analysing either again. */
export function joinAnalysed(first: AnalysedText, second: AnalysedText): AnalysedText {
  const offset = first.text.length + 1;
  return {
    text: `${first.text}\n${second.text}`,
    words: [...first.words, ...second.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset }))],
  };
}

export interface PhraseHit<T> {
  /** The lexicon entry as written there. */
  phrase: string;
  values: T[];
  start: number;
  end: number;
  /** What the customer wrote (normalized), for evidence. */
  text: string;
}

interface HanEntry<T> {
  phrase: string;
  key: string;
  values: T[];
}

interface LatinEntry<T> {
  phrase: string;
  stems: string[];
  values: T[];
}

export interface PhraseSet<T> {
  /** Chinese phrases of two or more characters, by their first and second UTF-16 units (small integers: fast keys). */
  han: Map<number, Map<number, HanEntry<T>[]>>;
  /** One-character phrases, by that unit. */
  hanSingle: Map<number, HanEntry<T>>;
  latin: Map<string, LatinEntry<T>[]>;
}

/**
 * Indexes phrases by their first character (Chinese, matched as substrings) or first
 * stemmed word (English, matched on word boundaries). The same phrase may carry
 * several values (one per category).
 */
export function compilePhrases<T>(entries: Iterable<readonly [string, T]>): PhraseSet<T> {
  const han = new Map<string, HanEntry<T>>();
  const latin = new Map<string, LatinEntry<T>>();
  for (const [phrase, value] of entries) {
    const normalized = normalizeText(phrase).trim();
    if (!normalized) continue;
    if (hanChar.test(normalized)) {
      const entry = han.get(normalized) ?? { phrase, key: normalized, values: [] };
      entry.values.push(value);
      han.set(normalized, entry);
    } else {
      const stems = englishWords(normalized).map((w) => w.stem);
      if (stems.length === 0) continue;
      const id = stems.join(' ');
      const entry = latin.get(id) ?? { phrase, stems, values: [] };
      entry.values.push(value);
      latin.set(id, entry);
    }
  }
  const hanEntries = [...han.values()];
  const byFirst = groupByFirst(
    hanEntries.filter((e) => e.key.length > 1),
    (e) => e.key.charCodeAt(0),
    (e) => e.key.length,
  );
  return {
    han: new Map(
      [...byFirst].map(([first, list]) => [
        first,
        groupByFirst(
          list,
          (e) => e.key.charCodeAt(1),
          (e) => e.key.length,
        ),
      ]),
    ),
    hanSingle: new Map(hanEntries.filter((e) => e.key.length === 1).map((e) => [e.key.charCodeAt(0), e])),
    latin: groupByFirst(
      [...latin.values()],
      (e) => e.stems[0] ?? '',
      (e) => e.stems.length,
    ),
  };
}

function groupByFirst<E, K>(entries: E[], first: (e: E) => K, length: (e: E) => number): Map<K, E[]> {
  const index = new Map<K, E[]>();
  for (const entry of entries) {
    const list = index.get(first(entry)) ?? [];
    list.push(entry);
    index.set(first(entry), list);
  }
  // Longest first, so 退款金额 wins over 退款 and "charged twice" over "charge".
  for (const list of index.values()) list.sort((a, b) => length(b) - length(a));
  return index;
}

/** Leftmost-longest, non-overlapping matches, in text order. */
export function findPhrases<T>(set: PhraseSet<T>, doc: AnalysedText): PhraseHit<T>[] {
  const hits: PhraseHit<T>[] = [];
  const { text, words } = doc;
  for (let i = 0; i < text.length;) {
    // Runs on every character of a 5,000-character complaint, hence no closures or substrings.
    const code = text.charCodeAt(i);
    const candidates = set.han.get(code)?.get(text.charCodeAt(i + 1));
    let found: HanEntry<T> | undefined;
    if (candidates) {
      for (const candidate of candidates) {
        if (text.startsWith(candidate.key, i)) {
          found = candidate;
          break;
        }
      }
    }
    found ??= set.hanSingle.get(code);
    if (!found) {
      i += 1;
      continue;
    }
    const end = i + found.key.length;
    hits.push({ phrase: found.phrase, values: found.values, start: i, end, text: found.key });
    i = end;
  }
  for (let i = 0; i < words.length;) {
    const candidates = set.latin.get(words[i]!.stem);
    const found = candidates?.find((c) => c.stems.every((s, k) => words[i + k]?.stem === s));
    if (!found) {
      i += 1;
      continue;
    }
    const first = words[i]!;
    const last = words[i + found.stems.length - 1]!;
    hits.push({
      phrase: found.phrase,
      values: found.values,
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
    });
    i += found.stems.length;
  }
  return hits.sort((a, b) => a.start - b.start);
}
