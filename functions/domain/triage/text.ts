import traditional from './lexicons/traditional.json' with { type: 'json' };

const simplified = new Map<string, string>();
for (let i = 0; i + 1 < traditional.map.length; i += 2) {
  simplified.set(traditional.map.charAt(i), traditional.map.charAt(i + 1));
}
const traditionalChars = new RegExp(`[${[...simplified.keys()].join('')}]`, 'gu');

export const hanChar = /\p{Script=Han}/u;

/**
 * One spelling for matching: NFKC folds full-width digits, letters and punctuation
 * (１２３１５, ￥, ！) into their ASCII forms, lexicon characters typed in
 * traditional script become simplified, English is lowercased.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(traditionalChars, (c) => simplified.get(c) ?? c);
}

export interface Word {
  stem: string;
  start: number;
  end: number;
}

const wordPattern = /[a-z0-9]+(?:'[a-z]+)*/g;

/** English (and number) words of a normalized text with their positions, for phrase matching. */
export function englishWords(normalized: string): Word[] {
  const words: Word[] = [];
  for (const match of normalized.matchAll(wordPattern)) {
    words.push({ stem: stem(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

// Plural-looking words whose final "s" is not a plural: "the news" must not become "the new".
const invariant = new Set([
  'news',
  'series',
  'lens',
  'always',
  'perhaps',
  'various',
  'yes',
  'gas',
  'christmas',
  'ups',
  'does',
  'goes',
]);

/**
 * A light suffix stripper (plural, -ed, -ing, final -e) rather than Porter: it only has
 * to make "refund / refunds / refunded" and "charge / charged / charging" meet, and a
 * lexicon author must be able to predict it.
 */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 3 || invariant.has(w) || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}
