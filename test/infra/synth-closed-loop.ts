import { readFileSync } from 'node:fs';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type ClosedLoop, addClosedLoopStacks } from '../../lib/closed-loop-app.ts';
import { projectFile } from '../../lib/project-paths.ts';

/** cdk.json's feature flags, so the tests synthesize what `cdk synth` does. */
const cdkJsonContext = (
  JSON.parse(readFileSync(projectFile('cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

export interface SynthesizedClosedLoop extends ClosedLoop {
  app: App;
  statefulTemplate: Template;
  statelessTemplate: Template;
}

export interface BuildOptions {
  /**
   * CDK's built-in CloudFormation template validation (a WebAssembly rule
   * engine; about 2 s on the first synth). `cdk synth` always runs it; tests
   * that only read templates skip it.
   */
  cloudFormationValidation?: boolean;
}

/** A stand-in for web/dist, so infra tests never need a built web app. */
export const webAppFixture = projectFile('test/infra/fixtures/web-dist');

/** Both stacks without esbuild bundling (about 0.5 s instead of 15 s); `context` as with `cdk -c`. */
export function buildClosedLoopApp(
  context: Record<string, unknown> = {},
  { cloudFormationValidation = false }: BuildOptions = {},
): ClosedLoop & { app: App } {
  const app = new App({
    context: { ...cdkJsonContext, ...context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: cloudFormationValidation,
  });
  return { app, ...addClosedLoopStacks(app, { webAppDirectory: webAppFixture }) };
}

export function synthClosedLoop(context: Record<string, unknown> = {}): SynthesizedClosedLoop {
  const built = buildClosedLoopApp(context);
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

/** The logical id of a construct's CloudFormation resource (its default child, or itself). */
export function logicalIdOf(construct: IConstruct): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no CfnResource`);
  return Stack.of(resource).getLogicalId(resource);
}
