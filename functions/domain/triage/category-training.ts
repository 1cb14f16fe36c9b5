import { type Category, categories } from '#domain/complaint.ts';
import { type CategoryModelFile, featuresOf, packWeights, softmax } from './category-model.ts';

export interface TrainingComplaint {
  subject: string;
  description: string;
  category: Category;
}

export interface TrainingOptions {
  /** A feature must appear in this many training complaints to be kept: rarer ones are noise and size. */
  minDocuments: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** The share of cross-validated training complaints allowed below the confidence threshold. */
  uncertainShare: number;
  folds: number;
  scale: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  minDocuments: 2,
  epochs: 400,
  learningRate: 20,
  l2: 1e-5,
  uncertainShare: 0.06,
  folds: 5,
  scale: 100,
};

interface Encoded {
  indices: Int32Array;
  values: Float64Array;
  label: number;
}

function vocabularyOf(rows: readonly TrainingComplaint[], minDocuments: number): string[] {
  const documents = new Map<string, number>();
  for (const row of rows) for (const feature of featuresOf(row.subject, row.description).keys()) documents.set(feature, (documents.get(feature) ?? 0) + 1);
  return [...documents]
    .filter(([, count]) => count >= minDocuments)
    .map(([feature]) => feature)
    .sort();
}

function encode(rows: readonly TrainingComplaint[], index: ReadonlyMap<string, number>): Encoded[] {
  return rows.map((row) => {
    const kept = [...featuresOf(row.subject, row.description)].filter(([feature]) => index.has(feature));
    return {
      indices: Int32Array.from(kept, ([feature]) => index.get(feature)!),
      values: Float64Array.from(kept, ([, value]) => value),
      label: categories.indexOf(row.category),
    };
  });
}

/**
 * Multinomial logistic regression by full-batch gradient descent: no random
 * start and no shuffling, so the same data always gives the same weights
 * (the committed model file is checked against a fresh training run).
 */
function fit(data: readonly Encoded[], features: number, options: TrainingOptions): { weights: Float64Array[]; bias: Float64Array } {
  const classes = categories.length;
  const weights = Array.from({ length: classes }, () => new Float64Array(features));
  const bias = new Float64Array(classes);
  const gradient = Array.from({ length: classes }, () => new Float64Array(features));
  const logits = new Array<number>(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const g of gradient) g.fill(0);
    for (const { indices, values, label } of data) {
      for (let k = 0; k < classes; k++) {
        let sum = bias[k]!;
        const w = weights[k]!;
        for (let j = 0; j < indices.length; j++) sum += w[indices[j]!]! * values[j]!;
        logits[k] = sum;
      }
      const p = softmax(logits);
      for (let k = 0; k < classes; k++) {
        const error = p[k]! - (k === label ? 1 : 0);
        if (error === 0) continue;
        const g = gradient[k]!;
        for (let j = 0; j < indices.length; j++) g[indices[j]!]! += error * values[j]!;
      }
    }
    const step = options.learningRate / data.length;
    for (let k = 0; k < classes; k++) {
      const w = weights[k]!;
      const g = gradient[k]!;
      for (let i = 0; i < features; i++) w[i] = w[i]! - step * g[i]! - options.learningRate * options.l2 * w[i]!;
      // No prior is learnt (the bias stays 0): the words must carry the decision, and a text without known words stays an even guess.
    }
  }
  return { weights, bias };
}

function topProbability(weights: readonly Float64Array[], bias: Float64Array, row: Encoded): { best: number; probability: number } {
  const logits = categories.map((_, k) => {
    let sum = bias[k]!;
    for (let j = 0; j < row.indices.length; j++) sum += weights[k]![row.indices[j]!]! * row.values[j]!;
    return sum;
  });
  const p = softmax(logits);
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return { best, probability: p[best]! };
}

/**
 * The confidence threshold from k-fold cross-validation on the training
 * data alone (the held-out split is never seen): the top probability below
 * which `uncertainShare` of the out-of-fold predictions fall.
 */
function calibratedThreshold(rows: readonly TrainingComplaint[], options: TrainingOptions): number {
  const tops: number[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const train = rows.filter((_, i) => i % options.folds !== fold);
    const test = rows.filter((_, i) => i % options.folds === fold);
    const vocabulary = vocabularyOf(train, options.minDocuments);
    const index = new Map(vocabulary.map((feature, i) => [feature, i]));
    const model = fit(encode(train, index), vocabulary.length, options);
    for (const row of encode(test, index)) tops.push(topProbability(model.weights, model.bias, row).probability);
  }
  tops.sort((a, b) => a - b);
  const at = Math.floor(tops.length * options.uncertainShare);
  return Math.round((tops[at] ?? 0) * 1000) / 1000;
}

export function trainCategoryModel(rows: readonly TrainingComplaint[], options: TrainingOptions = defaultTrainingOptions): CategoryModelFile {
  const vocabulary = vocabularyOf(rows, options.minDocuments);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const { weights, bias } = fit(encode(rows, index), vocabulary.length, options);
  // Quantised, and features whose weights all round to 0 dropped: they would only make the file larger.
  const limit = 32_767;
  const rounded = weights.map((row) => Array.from(row, (w) => Math.max(-limit, Math.min(limit, Math.round(w * options.scale)))));
  const kept = vocabulary.map((_, i) => i).filter((i) => rounded.some((row) => row[i] !== 0));
  return {
    version: 1,
    categories,
    vocabulary: kept.map((i) => vocabulary[i]!),
    weights: packWeights(rounded.map((row) => kept.map((i) => row[i]!))),
    bias: Array.from(bias, (b) => Math.round(b * options.scale)),
    scale: options.scale,
    confidenceThreshold: calibratedThreshold(rows, options),
  };
}
