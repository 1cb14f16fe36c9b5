import { type App, Tags } from 'aws-cdk-lib';
import { ClosedLoopStatefulStack } from './closed-loop-stateful-stack.ts';
import { ClosedLoopStatelessStack } from './closed-loop-stateless-stack.ts';
import { type DeploymentSettings, readDeploymentSettings } from './deployment-settings.ts';

export interface ClosedLoop {
  settings: DeploymentSettings;
  stateful: ClosedLoopStatefulStack;
  stateless: ClosedLoopStatelessStack;
}

export interface ClosedLoopSources {
  /** The built web app (desk/index.html, portal/index.html, assets/): web/dist for a deployment, a fixture in tests. */
  webAppDirectory: string;
}

/** Both stacks, wired by props; shared by bin/app.ts and test/infra so tests check what is deployed. */
export function addClosedLoopStacks(app: App, sources: ClosedLoopSources): ClosedLoop {
  const settings = readDeploymentSettings(app.node);
  const stateful = new ClosedLoopStatefulStack(app, 'ClosedLoopStateful', {
    description: 'closeloop: the complaint table and the link-signing secret (retained)',
  });
  const stateless = new ClosedLoopStatelessStack(app, 'ClosedLoopStateless', {
    description: 'closeloop: web app, API, functions, workflow, escalation topics, survey schedule, staff directory',
    store: stateful.store,
    linkSigningSecret: stateful.linkSigning.secret,
    settings,
    webAppDirectory: sources.webAppDirectory,
  });
  Tags.of(app).add('project', 'closeloop');
  Tags.of(app).add('stage', settings.stage);
  return { settings, stateful, stateless };
}
