import Sentiment from 'sentiment';
import english from 'sentiment/languages/en/index.js';
import en from './lexicons/sentiment-en.json' with { type: 'json' };
import zh from './lexicons/sentiment-zh.json' with { type: 'json' };
import rules from './lexicons/rules.json' with { type: 'json' };
import { compilePhrases, findPhrases, type AnalysedText } from './phrases.ts';
import { hanChar } from './text.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentAssessment {
  /** -1..1 */
  score: number;
  label: SentimentLabel;
  evidence: string[];
}

interface Contribution {
  text: string;
  value: number;
  polite?: boolean;
}

/** Where a clause ends: negation and intensifiers never reach across it. */
const boundary = '|';
const clauseBreak = /[.,!?;:。，、！？；：\n\r()（）"“”]/;

// English: AFINN-165 through the `sentiment` package, with complaint-desk additions and
// a scoring strategy that looks three words back for negators and intensifiers.
const language = 'closeloop-en';
const negatorsEn = new Set(en.negators);
const intensifiersEn = new Map(Object.entries(en.intensifiers));
const downtonersEn = new Map(Object.entries(en.downtoners));
const notes = new WeakMap<string[], Contribution[]>();

function adjustEnglish(tokens: string[], cursor: number, score: number): number {
  let factor = 1;
  let negated = false;
  let from = cursor;
  for (let i = cursor - 1; i >= Math.max(0, cursor - en.window); i -= 1) {
    const token = tokens[i]!;
    if (token === boundary) break;
    if (negatorsEn.has(token) || token.endsWith("n't")) {
      negated = true;
      from = i;
      break;
    }
    const modifier = intensifiersEn.get(token) ?? downtonersEn.get(token);
    if (modifier !== undefined) {
      factor *= modifier;
      from = i;
    }
  }
  // "not very good" is milder than "not good": an intensifier under negation softens.
  const value = negated
    ? score * (score > 0 ? en.negatedPositive : en.negatedNegative) * (factor > 1 ? 0.6 : factor)
    : score * factor;
  const list = notes.get(tokens) ?? [];
  list.push({ text: tokens.slice(from, cursor + 1).join(' '), value });
  notes.set(tokens, list);
  return value;
}

const analyzer = new Sentiment();
analyzer.registerLanguage(language, {
  labels: { ...english.labels, ...en.overrides, ...en.words },
  scoringStrategy: { apply: adjustEnglish },
});

const politeEn = new Set(Object.keys(en.politeness));
const phraseEntries = Object.entries({ ...(en.phrases as Record<string, number>), ...en.politeness }).sort(
  (a, b) => b[0].length - a[0].length,
);
const englishPhrasePattern = new RegExp(
  `(?<![a-z'])(?:${phraseEntries.map(([p]) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})(?![a-z])`,
  'g',
);
const englishPhraseValue = new Map(phraseEntries);

function englishContributions(text: string): Contribution[] {
  const found: Contribution[] = [];
  const prepared = text
    .replace(englishPhrasePattern, (phrase) => {
      const key = phrase.replace(/\s+/g, ' ');
      found.push({ text: phrase, value: englishPhraseValue.get(key) ?? 0, polite: politeEn.has(key) });
      return ' ';
    })
    .replace(/\p{Script=Han}+/gu, ' ')
    .replace(new RegExp(clauseBreak.source, 'g'), ` ${boundary} `)
    .replace(/\uFE0F/g, '')
    .replace(/(\p{Extended_Pictographic})/gu, ' $1 ');
  const result = analyzer.analyze(prepared, { language });
  return [...found, ...(notes.get(result.tokens) ?? [])];
}

// Chinese: our own lexicon, negation and intensifiers; single characters are checked
// against Intl.Segmenter so 差 in 差不多 or 好 in 好几次 do not count.
const politeZh = new Set(Object.keys(zh.politeness));
const zhPhrases = compilePhrases<number>(Object.entries({ ...(zh.words as Record<string, number>), ...zh.politeness }));
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const intensifierStrength = new Map(Object.entries(zh.intensifiers));
const intensifierPattern = new RegExp(alternation([...intensifierStrength.keys()]), 'gu');
const notNegatingPattern = new RegExp(alternation(zh.notNegating), 'gu');
const softenerPattern = new RegExp(alternation(zh.softeners), 'u');
const negatorPattern = new RegExp(alternation(zh.negators), 'u');
const modifierPrefix = new RegExp(
  `^(?:${alternation([...zh.negators, ...zh.softeners, ...intensifierStrength.keys()])})+`,
  'u',
);
const rhetorical = new RegExp(`^[^${clauseBreak.source.slice(1, -1)}]*吗`, 'u');
const particleSuffix = new RegExp(`(?:${alternation(zh.particles)})+$`, 'u');

interface Modifiers {
  intensity: number;
  kind: 'plain' | 'softened' | 'negated';
  /** Where in the text before the word the first modifier starts. */
  from: number;
}

/** What the few characters before a polar word do to it: 非常 intensifies, 不 negates, 不太 softens. */
function modifiersOf(before: string): Modifiers {
  if (!before) return { intensity: 1, kind: 'plain', from: 0 };
  let intensity = 1;
  let from = before.length;
  for (const match of before.matchAll(intensifierPattern)) {
    intensity = Math.max(intensity, intensifierStrength.get(match[0]) ?? 1);
    from = Math.min(from, match.index);
  }
  const softener = softenerPattern.exec(before);
  if (softener) return { intensity, kind: 'softened', from: Math.min(from, softener.index) };
  // Masked so that 非 in 非常 or 不 in 不断 is not read as a negator.
  const masked = before.replace(intensifierPattern, mask).replace(notNegatingPattern, mask);
  const negator = negatorPattern.exec(masked);
  if (negator) return { intensity, kind: 'negated', from: Math.min(from, negator.index) };
  return { intensity, kind: 'plain', from };
}

const singleModifiers = new Set(
  [...zh.negators, ...zh.softeners, ...Object.keys(zh.intensifiers)].filter((w) => w.length === 1),
);
const singleParticles = new Set(zh.particles.filter((w) => w.length === 1));

function standsAlone(text: string, start: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(start + 1);
  // Most hits sit between punctuation, modifiers and particles; only the rest need ICU.
  if ((!hanChar.test(before) || singleModifiers.has(before)) && (!hanChar.test(after) || singleParticles.has(after))) {
    return true;
  }
  const from = Math.max(0, start - 4);
  const window = text.slice(from, Math.min(text.length, start + 5));
  for (const { segment, index } of segmenter.segment(window)) {
    if (from + index <= start && start < from + index + segment.length) {
      return segment.replace(modifierPrefix, '').replace(particleSuffix, '') === text.charAt(start);
    }
  }
  return false;
}

function chineseContributions(doc: AnalysedText): Contribution[] {
  const { text } = doc;
  const hits = findPhrases(zhPhrases, doc).filter(
    (h) => h.values[0] !== 0 && (h.end - h.start > 1 || standsAlone(text, h.start)),
  );
  const found: Contribution[] = [];
  let previousEnd = 0;
  let carried = 1;
  for (const [i, hit] of hits.entries()) {
    const weight = hit.values[0]!;
    const next = hits[i + 1];
    // 好慢 / 真烦: a one-character word right before another polar word only intensifies it.
    if (hit.end - hit.start === 1 && next && next.start === hit.end) {
      carried = 1.3;
      previousEnd = hit.end;
      continue;
    }
    let windowStart = Math.max(previousEnd, hit.start - zh.window);
    for (let k = hit.start - 1; k >= windowStart; k -= 1) {
      if (clauseBreak.test(text.charAt(k))) {
        windowStart = k + 1;
        break;
      }
    }
    const before = text.slice(windowStart, hit.start);
    const modifiers = modifiersOf(before);
    const { intensity, from } = modifiers;
    // 这不是坑人吗 / 不是乱来吗: a negated rhetorical question affirms.
    const kind =
      modifiers.kind === 'negated' && rhetorical.test(text.slice(hit.end, hit.end + 12)) ? 'plain' : modifiers.kind;
    const factor = Math.max(carried, intensity);
    const value =
      kind === 'softened'
        ? weight * zh.softened
        : kind === 'negated'
          ? // 不是很满意 is milder than 不满意: an intensifier under negation softens.
            weight * (weight > 0 ? zh.negatedPositive : zh.negatedNegative) * (factor > 1 ? 0.6 : 1)
          : weight * factor;
    found.push({ text: text.slice(windowStart + from, hit.end), value, polite: politeZh.has(hit.phrase) });
    previousEnd = hit.end;
    carried = 1;
  }
  return found;
}

function mask(word: string): string {
  return '\u0000'.repeat(word.length);
}

/**
 * Both lexicons run on every text, whatever the locale, because customers mix them
 * (a Chinese complaint about "AirPods" with a 😡). The raw sum is squashed into -1..1
 * with score = raw / sqrt(raw² + alpha), as VADER does, so a long rant approaches -1
 * without passing it.
 */
export function scoreSentiment(doc: AnalysedText): SentimentAssessment {
  const { alpha, neutralBand, exclamationBoost, maxExclamations, maxEvidence, politenessCap } = rules.sentiment;
  const all = [...chineseContributions(doc), ...englishContributions(doc.text)].filter((c) => c.value !== 0);
  const contributions = all.filter((c) => !c.polite);
  const courtesy = all.filter((c) => c.polite);
  const courtesyTotal = Math.min(
    politenessCap,
    courtesy.reduce((sum, c) => sum + c.value, 0),
  );
  if (courtesyTotal > 0) contributions.push({ text: courtesy.map((c) => c.text).join(' '), value: courtesyTotal });
  const doubleQuestions = Math.min(rules.sentiment.maxDoubleQuestions, (doc.text.match(/\?{2,}/g) ?? []).length);
  if (doubleQuestions > 0) contributions.push({ text: '??', value: rules.sentiment.doubleQuestion * doubleQuestions });
  const exclamations = Math.min(maxExclamations, (doc.text.match(/!/g) ?? []).length);
  const raw = contributions.reduce((sum, c) => sum + c.value, 0) * (1 + exclamationBoost * exclamations);
  const score = Math.round((raw / Math.sqrt(raw * raw + alpha)) * 1000) / 1000;
  const label: SentimentLabel = score <= -neutralBand ? 'negative' : score >= neutralBand ? 'positive' : 'neutral';
  const evidence = [...contributions]
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .filter((c) => (label === 'negative' ? c.value < 0 : label === 'positive' ? c.value > 0 : true))
    .slice(0, maxEvidence)
    .map((c) => c.text);
  return { score: score === 0 ? 0 : score, label, evidence: [...new Set(evidence)] };
}
