import { type Category, categories } from '#domain/complaint.ts';
import { type Severity, severities } from '#domain/sla-policy.ts';
import { scoreCategories } from './category.ts';
import { analyse } from './phrases.ts';
import { englishWords, hanChar, normalizeText } from './text.ts';


/**
 * A linear model over character and word n-grams: Chinese has no spaces, so
 * its features are Han character unigrams and bigrams; English has words
 * (stemmed, so "refunded" meets "refund"), word bigrams, and the character
 * trigrams of each word, which carry a typo ("refnud") most of the way. The
 * subject's features count twice: customers put the gist there. The category lexicons' scores
 * join as one feature per category: they know phrasings a few hundred lines cannot teach.
 */
export function featuresOf(subject: string, description: string, lexiconScores?: Record<Category, number>): Map<string, number> {
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
  for (const [text, weight] of [
    [subject, 2],
    [description, 1],
  ] as const) {
    const normalized = normalizeText(text);
    const han = [...normalized].map((c) => (hanChar.test(c) ? c : ' ')).join('');
    for (const run of han.split(/\s+/)) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        add(`c:${chars[i]}`, weight);
        if (i + 1 < chars.length) add(`c:${chars[i]}${chars[i + 1]}`, weight);
      }
    }
    const words = englishWords(normalized)
      .map((w) => w.stem)
      .filter((w) => !/^\d+$/.test(w));
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      add(`w:${word}`, weight);
      if (i + 1 < words.length) add(`w:${word}_${words[i + 1]}`, weight);
      const padded = `<${word}>`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`t:${padded.slice(j, j + 3)}`, weight * 0.5);
    }
  }
  // Sub-linear counts, then unit length: a long rant about one thing does not outweigh a clear statement.
  let norm = 0;
  for (const [feature, count] of features) {
    const damped = 1 + Math.log(count);
    features.set(feature, damped);
    norm += damped * damped;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [feature, value] of features) features.set(feature, value / norm);
  // Saturating, and small beside the n-grams (chosen by cross-validation on the training lines): the lexicons
  // inform the decision, they do not take it over.
  const scores = lexiconScores ?? scoreCategories(analyse(subject), analyse(description)).scores;
  for (const category of categories) if (scores[category] > 0) features.set(`l:${category}`, (lexiconWeight * scores[category]) / (scores[category] + 3));
  return features;
}

const lexiconWeight = 0.2;

export interface TriageModelHead<Label extends string> {
  labels: readonly Label[];
  /**
   * Per label, one weight per vocabulary feature, as integers of `scale` packed as signed bytes in
   * base64: a sixth of the size of a JSON number list, and no weight it rounds away changes an answer.
   */
  weights: string;
}

/**
 * The committed model file: one vocabulary and two heads. No head learns a prior (no bias), so a text
 * with nothing the model knows is an even guess, never a confident one.
 */
export interface TriageModelFile {
  version: 3;
  /**
   * The features in order, grouped by kind ("c", "w", "t", "l": the text before a feature's colon), each group its
   * features' remainders joined by spaces (no feature holds one). A JSON list spent five bytes a feature on
   * quotes, a comma and the kind: about 65 KB of the bundle.
   */
  vocabulary: Readonly<Record<string, string>>;
  scale: number;
  category: TriageModelHead<Category> & {
    /** Below this top probability the model says it is not sure (calibrated on the training data by the trainer). */
    confidenceThreshold: number;
  };
  severity: TriageModelHead<Severity> & {
    /**
     * The probability of L3 from which the head raises a complaint to L3. It never raises to L2: what makes a
     * complaint complex (an amount, a count of contacts) is a matter of rules, and the head would read "元" as money at stake.
     */
    raiseToL3At: number;
  };
}

export interface CategoryPrediction {
  category: Category;
  probability: number;
  confident: boolean;
  probabilities: Record<Category, number>;
}

export interface SeverityPrediction {
  /** L3 where the probability of L3 reaches the threshold, else L1: the head says nothing about L2. */
  value: 'L1' | 'L3';
  probability: number;
  /** The words and characters that pushed most toward L3 (none when it did not reach it). */
  evidence: string[];
}

export class TriageModel {
  readonly #index: Map<string, number>;
  readonly #category: Float64Array[];
  readonly #severity: Float64Array[];
  readonly #categories: readonly Category[];
  readonly threshold: number;
  readonly raiseToL3At: number;
  readonly features: number;

  constructor(file: TriageModelFile) {
    if (file.version !== 3) throw new Error(`Unknown triage model version ${String(file.version)}`);
    if (file.category.labels.some((c) => !categories.includes(c))) throw new Error('Triage model names an unknown category');
    if (file.severity.labels.join() !== severities.join()) throw new Error('Triage model grades severity in an unknown order');
    this.#categories = file.category.labels;
    const vocabulary = unpackVocabulary(file.vocabulary);
    this.#index = new Map(vocabulary.map((feature, i) => [feature, i]));
    const unpack = (head: TriageModelHead<string>) =>
      unpackWeights(head.weights, head.labels.length, vocabulary.length).map((row) => Float64Array.from(row, (w) => w / file.scale));
    this.#category = unpack(file.category);
    this.#severity = unpack(file.severity);
    this.threshold = file.category.confidenceThreshold;
    this.raiseToL3At = file.severity.raiseToL3At;
    this.features = vocabulary.length;
  }

  /** Both heads from one pass over the text's features; `lexiconScores` saves scoring the lexicons twice when the caller has them. */
  predict(subject: string, description: string, lexiconScores?: Record<Category, number>): { category: CategoryPrediction; severity: SeverityPrediction } {
    const categoryLogits = new Array<number>(this.#category.length).fill(0);
    const severityLogits = new Array<number>(this.#severity.length).fill(0);
    const known: [feature: string, index: number, value: number][] = [];
    for (const [feature, value] of featuresOf(subject, description, lexiconScores)) {
      const i = this.#index.get(feature);
      if (i === undefined) continue;
      known.push([feature, i, value]);
      for (let k = 0; k < categoryLogits.length; k++) categoryLogits[k]! += this.#category[k]![i]! * value;
      for (let k = 0; k < severityLogits.length; k++) severityLogits[k]! += this.#severity[k]![i]! * value;
    }
    const probabilities = softmax(categoryLogits);
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
    const probability = probabilities[best]!;
    const l3 = softmax(severityLogits)[severities.indexOf('L3')]!;
    const grave = l3 >= this.raiseToL3At;
    return {
      category: {
        category: this.#categories[best]!,
        probability,
        confident: probability >= this.threshold,
        probabilities: Object.fromEntries(this.#categories.map((c, k) => [c, probabilities[k]!])) as Record<Category, number>,
      },
      severity: { value: grave ? 'L3' : 'L1', probability: l3, evidence: grave ? this.#weightiest(known, severities.indexOf('L3')) : [] },
    };
  }

  // Character trigrams of English words and lexicon scores are left out: "<bu" says nothing to a reader.
  // A feature's pull is what it adds to L3 over L1: words every complaint has weigh on both alike.
  #weightiest(known: readonly [string, number, number][], grade: number): string[] {
    const toward = this.#severity[grade]!;
    const from = this.#severity[severities.indexOf('L1')]!;
    return known
      .filter(([feature]) => !feature.startsWith('t:') && !feature.startsWith('l:'))
      .map(([feature, i, value]) => ({ text: feature.slice(2).replace('_', ' '), pull: (toward[i]! - from[i]!) * value }))
      .filter((f) => f.pull > 0)
      .sort((a, b) => b.pull - a.pull || (a.text < b.text ? -1 : 1))
      .slice(0, 3)
      .map((f) => f.text);
  }
}

/** Sorted features as the model file keeps them: by kind, in sorted order, so unpacking gives the same order back. */
export function packVocabulary(sortedFeatures: readonly string[]): Record<string, string> {
  const groups: Record<string, string[]> = {};
  for (const feature of sortedFeatures) {
    const colon = feature.indexOf(':');
    if (colon < 1 || feature.length === colon + 1 || feature.includes(' ')) throw new Error(`Triage model feature cannot be packed: ${JSON.stringify(feature)}`);
    (groups[feature.slice(0, colon)] ??= []).push(feature.slice(colon + 1));
  }
  return Object.fromEntries(Object.entries(groups).map(([kind, rest]) => [kind, rest.join(' ')]));
}

export function unpackVocabulary(packed: Readonly<Record<string, string>>): string[] {
  return Object.keys(packed)
    .sort()
    .flatMap((kind) => packed[kind]!.split(' ').map((rest) => `${kind}:${rest}`));
}

export function packWeights(rows: readonly (readonly number[])[]): string {
  const bytes = new Uint8Array(new Int8Array(rows.flat()).buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function unpackWeights(packed: string, rows: number, columns: number): Int8Array[] {
  const binary = atob(packed);
  if (binary.length !== rows * columns) throw new Error(`Triage model weights: ${binary.length} bytes for ${rows} x ${columns} weights`);
  const values = new Int8Array(Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer);
  return Array.from({ length: rows }, (_, k) => values.slice(k * columns, (k + 1) * columns));
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
