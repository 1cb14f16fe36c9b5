import { readFileSync, writeFileSync } from 'node:fs';
import { trainingComplaints } from '../test/fixtures/triage/training-set.ts';
import { trainCategoryModel } from '#domain/triage/category-training.ts';

/**
 * npm run train:triage: trains the category model on the committed training
 * lines (never the held-out split) and writes the file the functions load.
 * Deterministic: a test checks the committed file is what this writes.
 */
export const modelFile = new URL('../functions/domain/triage/model/category-model.json', import.meta.url);

export function categoryModelText(): string {
  return `${JSON.stringify(trainCategoryModel(trainingComplaints()))}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const text = categoryModelText();
  const before = (() => {
    try {
      return readFileSync(modelFile, 'utf8');
    } catch {
      return '';
    }
  })();
  writeFileSync(modelFile, text);
  const model = JSON.parse(text) as { vocabulary: string[]; confidenceThreshold: number };
  console.log(
    `${before === text ? 'unchanged' : 'written'}: functions/domain/triage/model/category-model.json ` +
      `(${model.vocabulary.length} features, ${(text.length / 1024).toFixed(1)} KB, confidence threshold ${model.confidenceThreshold}, ${Math.round(performance.now() - started)} ms)`,
  );
}
