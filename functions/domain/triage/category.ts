import { categories, type Category } from '#domain/complaint.ts';
import lexicon from './lexicons/categories.json' with { type: 'json' };
import rules from './lexicons/rules.json' with { type: 'json' };
import { compilePhrases, findPhrases, type AnalysedText } from './phrases.ts';

interface CategoryWeight {
  category: Category;
  weight: number;
}

type Lexicon = Record<Category, { zh: Record<string, number>; en: Record<string, number> }>;

const phrases = compilePhrases<CategoryWeight>(
  categories.flatMap((category) => {
    const { zh, en } = (lexicon as unknown as Lexicon)[category];
    return [...Object.entries(zh), ...Object.entries(en)].map(
      ([phrase, weight]) => [phrase, { category, weight }] as const,
    );
  }),
);

export interface CategoryScores {
  scores: Record<Category, number>;
  /** The words behind each category's score, strongest first. */
  evidence: Record<Category, string[]>;
}

/**
 * Weighted phrase matches; the subject counts `subjectWeight` times because customers
 * put the gist there ("快递太慢"). A phrase counts once per field however often it is
 * repeated, so a long rant about one thing does not outweigh a clear statement.
 */
export function scoreCategories(subject: AnalysedText, description: AnalysedText): CategoryScores {
  const scores = Object.fromEntries(categories.map((c) => [c, 0])) as Record<Category, number>;
  const contributions = Object.fromEntries(categories.map((c) => [c, new Map<string, number>()])) as Record<
    Category,
    Map<string, number>
  >;
  for (const [doc, factor] of [
    [subject, rules.category.subjectWeight],
    [description, 1],
  ] as const) {
    const seen = new Set<string>();
    for (const hit of findPhrases(phrases, doc)) {
      for (const { category, weight } of hit.values) {
        const key = `${category}\u0000${hit.phrase}`;
        if (weight === 0 || seen.has(key)) continue;
        seen.add(key);
        scores[category] += weight * factor;
        const byText = contributions[category];
        byText.set(hit.text, (byText.get(hit.text) ?? 0) + weight * factor);
      }
    }
  }
  const evidence = Object.fromEntries(
    categories.map((c) => [c, [...contributions[c]].sort((a, b) => b[1] - a[1]).map(([text]) => text)]),
  ) as Record<Category, string[]>;
  return { scores, evidence };
}

/** The best-scoring category; no evidence or a tie for first place means `other`. */
export function classify(scores: Record<Category, number>): Category {
  const ranked = [...categories].sort((a, b) => scores[b] - scores[a]);
  const [first, second] = ranked as [Category, Category];
  if (scores[first] === 0 || scores[first] === scores[second]) return 'other';
  return first;
}

/**
 * A customer's pick stands; it is only flagged when the text clearly says otherwise.
 * "Clearly": the classified category has at least `minScore`, at least `ratio` times
 * the picked one's score and `margin` points more.
 */
export function isClearMismatch(picked: Category, classified: Category, scores: Record<Category, number>): boolean {
  const { minScore, ratio, margin } = rules.category.mismatch;
  if (classified === picked) return false;
  const suggested = scores[classified];
  return suggested >= minScore && suggested >= ratio * scores[picked] && suggested - scores[picked] >= margin;
}
