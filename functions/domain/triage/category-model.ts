import { type Category, categories } from '#domain/complaint.ts';
import { englishWords, hanChar, normalizeText } from './text.ts';

/**
 * A linear model over character and word n-grams: Chinese has no spaces, so
 * its features are Han character unigrams and bigrams; English has words
 * (stemmed, so "refunded" meets "refund"), word bigrams, and the character
 * trigrams of each word, which carry a typo ("refnud") most of the way. The
 * subject's features count twice: customers put the gist there.
 */
export function featuresOf(subject: string, description: string): Map<string, number> {
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
  return features;
}

/** The committed model file: a vocabulary and, per category, one weight per feature, quantised to integers. */
export interface CategoryModelFile {
  version: 1;
  categories: readonly Category[];
  vocabulary: readonly string[];
  /**
   * Per category, weights in vocabulary order, as integers of `scale`, packed as
   * little-endian 16-bit integers in base64: a third of the size of a JSON number list.
   */
  weights: string;
  /** Always 0: the model learns no prior, so a text with nothing it knows is an even guess, never a confident one. */
  bias: readonly number[];
  scale: number;
  /** Below this top probability the model says it is not sure (calibrated on the training data by the trainer). */
  confidenceThreshold: number;
}

export interface CategoryPrediction {
  category: Category;
  probability: number;
  confident: boolean;
  probabilities: Record<Category, number>;
}

export class CategoryModel {
  readonly #index: Map<string, number>;
  readonly #weights: Float64Array[];
  readonly #bias: readonly number[];
  readonly #categories: readonly Category[];
  readonly threshold: number;

  constructor(file: CategoryModelFile) {
    if (file.version !== 1) throw new Error(`Unknown category model version ${String(file.version)}`);
    if (file.categories.some((c) => !categories.includes(c))) throw new Error('Category model names an unknown category');
    this.#categories = file.categories;
    this.#index = new Map(file.vocabulary.map((feature, i) => [feature, i]));
    this.#weights = unpackWeights(file.weights, file.categories.length, file.vocabulary.length).map((row) => Float64Array.from(row, (w) => w / file.scale));
    this.#bias = file.bias.map((b) => b / file.scale);
    this.threshold = file.confidenceThreshold;
  }

  predict(subject: string, description: string): CategoryPrediction {
    const logits = this.#bias.slice();
    for (const [feature, value] of featuresOf(subject, description)) {
      const i = this.#index.get(feature);
      if (i === undefined) continue;
      for (let k = 0; k < logits.length; k++) logits[k]! += this.#weights[k]![i]! * value;
    }
    const probabilities = softmax(logits);
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
    const probability = probabilities[best]!;
    return {
      category: this.#categories[best]!,
      probability,
      confident: probability >= this.threshold,
      probabilities: Object.fromEntries(this.#categories.map((c, k) => [c, probabilities[k]!])) as Record<Category, number>,
    };
  }
}

export function packWeights(rows: readonly (readonly number[])[]): string {
  const values = new Int16Array(rows.flat());
  const bytes = new Uint8Array(values.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function unpackWeights(packed: string, rows: number, columns: number): Int16Array[] {
  const binary = atob(packed);
  if (binary.length !== rows * columns * 2) throw new Error(`Category model weights: ${binary.length} bytes for ${rows} x ${columns} weights`);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const values = new Int16Array(bytes.buffer);
  return Array.from({ length: rows }, (_, k) => values.slice(k * columns, (k + 1) * columns));
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
