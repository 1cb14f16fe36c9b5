import { type Category, categories } from '#domain/complaint.ts';
import { type Severity, severities } from '#domain/sla-policy.ts';
import { featuresOf, packVocabulary, packWeights, softmax, type TriageModelFile } from './category-model.ts';

export interface TrainingComplaint {
  subject: string;
  description: string;
  category: Category;
  severity: Severity;
}

export interface TrainingOptions {
  /** A feature must appear in this many training complaints to be kept: rarer ones are noise and size. */
  minDocuments: number;
  /**
   * The severity head ignores a feature found in more than this share of the training complaints in its
   * script (Chinese characters, or Latin words): "and", "your", "我", "了" say nothing of how grave a
   * complaint is, and weighed they let the head learn the style of long angry letters instead.
   */
  severityMaxDocumentShare: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /**
   * The severity head's own, stronger penalty: few complaints are L3, and without it the head learns the
   * style of angry long letters ("and", "your") instead of what makes them grave.
   */
  severityL2: number;
  /** The share of cross-validated training complaints allowed below the category head's confidence threshold. */
  uncertainShare: number;
  /**
   * The severity head only ever raises a grade the rules gave, to L3: it speaks when its probability of L3
   * reaches a threshold, the lowest one that keeps this precision on cross-validated training complaints.
   */
  severityPrecision: number;
  folds: number;
  /** Weights are stored as signed bytes: a weight of 1 is `scale`. */
  scale: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  minDocuments: 4,
  severityMaxDocumentShare: 0.08,
  epochs: 400,
  learningRate: 20,
  l2: 1e-5,
  severityL2: 1e-5,
  uncertainShare: 0.06,
  severityPrecision: 0.9,
  folds: 5,
  scale: 20,
};

interface Encoded {
  indices: Int32Array;
  values: Float64Array;
}

// Every fold reads the same complaints' features three times (vocabulary, mask, encoding): worked out once each.
const featureCache = new WeakMap<TrainingComplaint, Map<string, number>>();
function featuresOfRow(row: TrainingComplaint): Map<string, number> {
  let features = featureCache.get(row);
  if (!features) featureCache.set(row, (features = featuresOf(row.subject, row.description)));
  return features;
}

function vocabularyOf(rows: readonly TrainingComplaint[], { minDocuments }: TrainingOptions): string[] {
  const documents = new Map<string, number>();
  for (const row of rows) for (const feature of featuresOfRow(row).keys()) documents.set(feature, (documents.get(feature) ?? 0) + 1);
  return [...documents]
    .filter(([, count]) => count >= minDocuments)
    .map(([feature]) => feature)
    .sort();
}

const isHan = (feature: string) => feature.startsWith('c:');
// How much money is at stake is the amount rules' call, read from the figures: the head would only learn that "万" sounds grave.
const moneyCharacters = /[万千百亿元块钱]/u;
const moneyWords = new Set(['k', 'usd', 'dollar', 'buck', 'rmb', 'yuan', 'kuai', 'cny', 'eur', 'euro', 'pound', 'gbp', 'thousand', 'hundred', 'grand']);
const isMoney = (feature: string) =>
  isHan(feature) ? moneyCharacters.test(feature) : feature.startsWith('w:') && feature.slice(2).split('_').some((word) => moneyWords.has(word));

/** 1 for the features the severity head may weigh; 0 for money words and for those too common in their script to mean anything. */
function severityMask(rows: readonly TrainingComplaint[], vocabulary: readonly string[], options: TrainingOptions): Uint8Array {
  const documents = new Map<string, number>();
  let han = 0;
  let latin = 0;
  for (const row of rows) {
    const features = [...featuresOfRow(row).keys()];
    if (features.some(isHan)) han += 1;
    if (features.some((f) => f.startsWith('w:'))) latin += 1;
    for (const feature of features) documents.set(feature, (documents.get(feature) ?? 0) + 1);
  }
  return Uint8Array.from(vocabulary, (feature) => {
    if (feature.startsWith('l:')) return 1;
    if (isMoney(feature)) return 0;
    const share = (documents.get(feature) ?? 0) / Math.max(1, isHan(feature) ? han : latin);
    return share <= options.severityMaxDocumentShare ? 1 : 0;
  });
}

function encode(rows: readonly TrainingComplaint[], index: ReadonlyMap<string, number>): Encoded[] {
  return rows.map((row) => {
    const kept = [...featuresOfRow(row)].filter(([feature]) => index.has(feature));
    return {
      indices: Int32Array.from(kept, ([feature]) => index.get(feature)!),
      values: Float64Array.from(kept, ([, value]) => value),
    };
  });
}

/**
 * Multinomial logistic regression by full-batch gradient descent: no random
 * start and no shuffling, so the same data always gives the same weights
 * (the committed model file is checked against a fresh training run).
 */
function fit(data: readonly Encoded[], labels: readonly number[], classes: number, features: number, options: TrainingOptions, l2 = options.l2, mask?: Uint8Array): Float64Array[] {
  const weights = Array.from({ length: classes }, () => new Float64Array(features));
  const gradient = Array.from({ length: classes }, () => new Float64Array(features));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const g of gradient) g.fill(0);
    data.forEach((row, n) => {
      const p = probabilitiesOf(weights, row);
      for (let k = 0; k < classes; k++) {
        const error = p[k]! - (k === labels[n] ? 1 : 0);
        if (error === 0) continue;
        const g = gradient[k]!;
        for (let j = 0; j < row.indices.length; j++) g[row.indices[j]!]! += error * row.values[j]!;
      }
    });
    const step = options.learningRate / data.length;
    for (let k = 0; k < classes; k++) {
      const w = weights[k]!;
      const g = gradient[k]!;
      // No prior is learnt (no bias): the words must carry the decision, and a text without known words stays an even guess.
      for (let i = 0; i < features; i++) w[i] = mask && !mask[i] ? 0 : w[i]! - step * g[i]! - options.learningRate * l2 * w[i]!;
    }
  }
  return weights;
}

function probabilitiesOf(weights: readonly Float64Array[], row: Encoded): number[] {
  return softmax(
    weights.map((w) => {
      let sum = 0;
      for (let j = 0; j < row.indices.length; j++) sum += w[row.indices[j]!]! * row.values[j]!;
      return sum;
    }),
  );
}

export interface OutOfFold {
  row: TrainingComplaint;
  category: number[];
  severity: number[];
}

/** Each training complaint predicted by models that never saw it (k folds): what the thresholds are calibrated on. */
export function outOfFold(rows: readonly TrainingComplaint[], options: TrainingOptions): OutOfFold[] {
  const predictions: OutOfFold[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const train = rows.filter((_, i) => i % options.folds !== fold);
    const test = rows.filter((_, i) => i % options.folds === fold);
    const vocabulary = vocabularyOf(train, options);
    const index = new Map(vocabulary.map((feature, i) => [feature, i]));
    const encoded = encode(train, index);
    const category = fit(encoded, train.map((r) => categories.indexOf(r.category)), categories.length, vocabulary.length, options);
    const severity = fit(encoded, train.map((r) => severities.indexOf(r.severity)), severities.length, vocabulary.length, options, options.severityL2, severityMask(train, vocabulary, options));
    encode(test, index).forEach((row, i) => predictions.push({ row: test[i]!, category: probabilitiesOf(category, row), severity: probabilitiesOf(severity, row) }));
  }
  return predictions;
}

const rounded = (value: number) => Math.round(value * 1000) / 1000;

/** The top probability below which `uncertainShare` of the out-of-fold category predictions fall. */
function categoryThreshold(predictions: readonly OutOfFold[], options: TrainingOptions): number {
  const tops = predictions.map((p) => Math.max(...p.category)).sort((a, b) => a - b);
  return rounded(tops[Math.floor(tops.length * options.uncertainShare)] ?? 0);
}

/**
 * The probability of L3 from which the head raises a complaint to L3: the lowest threshold at which the
 * out-of-fold complaints it would raise are L3 in `severityPrecision` of cases (1, never, if none is).
 */
export function l3Threshold(predictions: readonly OutOfFold[], options: TrainingOptions): number {
  const l3 = severities.indexOf('L3');
  const scored = predictions.map((p) => ({ probability: p.severity[l3]!, grave: p.row.severity === 'L3' })).sort((a, b) => b.probability - a.probability);
  let threshold = 1;
  let grave = 0;
  scored.forEach((p, i) => {
    if (p.grave) grave += 1;
    // Only between distinct probabilities: a threshold cannot split complaints the head scores alike.
    if (grave / (i + 1) >= options.severityPrecision && (i + 1 === scored.length || scored[i + 1]!.probability < p.probability)) threshold = p.probability;
  });
  return rounded(threshold);
}

function head<Label extends string>(labels: readonly Label[], weights: readonly Float64Array[], kept: readonly number[], scale: number) {
  const limit = 127;
  return {
    labels,
    weights: packWeights(weights.map((row) => kept.map((i) => Math.max(-limit, Math.min(limit, Math.round(row[i]! * scale)))))),
  };
}

/** Both heads over one vocabulary: the category, and how grave the complaint reads. */
export function trainTriageModel(rows: readonly TrainingComplaint[], options: TrainingOptions = defaultTrainingOptions): TriageModelFile {
  const vocabulary = vocabularyOf(rows, options);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const encoded = encode(rows, index);
  const category = fit(encoded, rows.map((r) => categories.indexOf(r.category)), categories.length, vocabulary.length, options);
  const severity = fit(encoded, rows.map((r) => severities.indexOf(r.severity)), severities.length, vocabulary.length, options, options.severityL2, severityMask(rows, vocabulary, options));
  // Features whose weights all round to 0 in both heads are dropped: they would only make the file larger.
  const kept = vocabulary.map((_, i) => i).filter((i) => [...category, ...severity].some((row) => Math.round(row[i]! * options.scale) !== 0));
  const predictions = outOfFold(rows, options);
  const categoryHead: TriageModelFile['category'] = { ...head(categories, category, kept, options.scale), confidenceThreshold: categoryThreshold(predictions, options) };
  return {
    version: 3,
    vocabulary: packVocabulary(kept.map((i) => vocabulary[i]!)),
    scale: options.scale,
    category: categoryHead,
    severity: { ...head(severities, severity, kept, options.scale), raiseToL3At: l3Threshold(predictions, options) },
  };
}
