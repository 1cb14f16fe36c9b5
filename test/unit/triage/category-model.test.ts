import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CategoryModel, type CategoryModelFile, featuresOf, softmax } from '#domain/triage/category-model.ts';
import { trainCategoryModel } from '#domain/triage/category-training.ts';
import { categoryModelText, modelFile } from '../../../bin/train-triage.ts';
import { holdoutComplaints, trainingComplaints } from '../../fixtures/triage/training-set.ts';

const committed = readFileSync(modelFile, 'utf8');
const model = new CategoryModel(JSON.parse(committed) as CategoryModelFile);

describe('category model: trained by a script in the repository, from the committed lines', () => {
  it('is exactly what `npm run train:triage` writes from the committed training data (run it after changing the data)', () => {
    expect(committed).toBe(categoryModelText());
  });

  it('never learns from the held-out split', () => {
    const held = new Set(holdoutComplaints().map((row) => `${row.subject}\u0000${row.description}`));
    const overlap = trainingComplaints().filter((row) => held.has(`${row.subject}\u0000${row.description}`));
    expect(overlap).toEqual([]);
    expect(new Set(holdoutComplaints().map((r) => r.id)).size).toBe(holdoutComplaints().length);
  });

  it('trains the same weights twice from the same lines (no random start, no shuffle)', () => {
    const rows = trainingComplaints().slice(0, 120);
    const options = { minDocuments: 2, epochs: 30, learningRate: 20, l2: 1e-5, uncertainShare: 0.06, folds: 3, scale: 1000 };
    expect(trainCategoryModel(rows, options)).toEqual(trainCategoryModel(rows, options));
  });

  it('reads Chinese as character unigrams and bigrams and English as stemmed words, word pairs and word trigrams, the subject twice', () => {
    const features = featuresOf('快递慢', 'Refunds late');
    // The stemmer turns late into lat and refunds into refund.
    expect([...features.keys()].sort()).toEqual(
      ['c:快', 'c:快递', 'c:递', 'c:递慢', 'c:慢', 'w:refund', 'w:refund_lat', 'w:lat', 't:<re', 't:ref', 't:efu', 't:fun', 't:und', 't:nd>', 't:<la', 't:lat', 't:at>'].sort(),
    );
    const norm = Math.sqrt([...features.values()].reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 12);
    expect(features.get('c:快')! / features.get('w:lat')!).toBeCloseTo((1 + Math.log(2)) / 1, 12);
  });

  it('gives probabilities that sum to 1 and says it is not sure of a text with nothing to go on', () => {
    expect(softmax([1, 2, 3]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // No prior is learnt: a text with no feature the model knows is an even guess over the six categories.
    const nothing = model.predict('☺☺☺', 'zqxjv wqpfk');
    expect(Object.values(nothing.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(nothing.probability).toBeCloseTo(1 / 6, 2);
    expect(nothing.confident).toBe(false);
    expect(model.predict('快递三天还没到', '物流信息一直不更新').category).toBe('logistics');
    expect(model.predict('Charged twice', 'I was billed two times for one order, please refund one.').category).toBe('billing_dispute');
    expect(model.threshold).toBeGreaterThan(0.2);
    expect(model.threshold).toBeLessThan(0.9);
  });
});
