import { readFileSync, writeFileSync } from 'node:fs';
import { trainingComplaints } from '../test/fixtures/triage/training-set.ts';
import { type TriageModelFile, unpackVocabulary } from '#domain/triage/category-model.ts';
import { trainTriageModel } from '#domain/triage/category-training.ts';

/**
 * npm run train:triage: trains the triage model (category and severity heads) on the committed training
 * lines (never the held-out split) and writes the file the functions load.
 * Deterministic: a test checks the committed file is what this writes.
 */
export const modelFile = new URL('../functions/domain/triage/model/triage-model.json', import.meta.url);

export function triageModelText(): string {
  return `${JSON.stringify(trainTriageModel(trainingComplaints()))}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const text = triageModelText();
  const before = (() => {
    try {
      return readFileSync(modelFile, 'utf8');
    } catch {
      return '';
    }
  })();
  writeFileSync(modelFile, text);
  const model = JSON.parse(text) as TriageModelFile;
  console.log(
    `${before === text ? 'unchanged' : 'written'}: functions/domain/triage/model/triage-model.json ` +
      `(${unpackVocabulary(model.vocabulary).length} features, ${(text.length / 1024).toFixed(1)} KB, category confidence threshold ${model.category.confidenceThreshold}, raised to L3 from p=${model.severity.raiseToL3At}, ${Math.round(performance.now() - started)} ms)`,
  );
}
