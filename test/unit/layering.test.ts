import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const functionsRoot = join(import.meta.dirname, '../../functions');

/** Each layer's import specifiers, by file: subpath imports (#layer/...) and relative ones resolved to their layer. */
function importsOf(layer: string): { file: string; imported: string }[] {
  const dir = join(functionsRoot, layer);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => ({
        file: `${layer}/${file}`,
        imported: m[1]!,
      }));
    });
}

const layerOf = (file: string, imported: string): string | undefined => {
  if (imported.startsWith('#')) return imported.slice(1).split('/')[0];
  if (!imported.startsWith('.')) return undefined;
  const resolved = join(functionsRoot, file, '..', imported);
  return resolved.slice(functionsRoot.length + 1).split('/')[0];
};

describe('Layers (DESIGN.md layout): each imports only the layers below it', () => {
  it.each([
    ['domain', ['domain']],
    ['adapters', ['domain', 'adapters', 'declarations']],
    ['use-cases', ['domain', 'adapters', 'use-cases']],
  ])('%s imports only %j', (layer, allowed) => {
    const strays = importsOf(layer)
      .map(({ file, imported }) => ({ file, imported, to: layerOf(file, imported) }))
      .filter(({ to }) => to !== undefined && !allowed.includes(to));
    expect(strays).toEqual([]);
  });
});
