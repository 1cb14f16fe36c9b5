import { type App, Tags } from 'aws-cdk-lib';
import { ClosedLoopStatefulStack } from './closed-loop-stateful-stack.ts';
import { ClosedLoopStatelessStack } from './closed-loop-stateless-stack.ts';
import { type DeploymentSettings, readDeploymentSettings } from './deployment-settings.ts';

export interface ClosedLoop {
  settings: DeploymentSettings;
  stateful: ClosedLoopStatefulStack;
  stateless: ClosedLoopStatelessStack;
}

/** Both stacks, wired by props; shared by bin/app.ts and test/infra so tests check what is deployed. */
export function addClosedLoopStacks(app: App): ClosedLoop {
  const settings = readDeploymentSettings(app.node);
  const stateful = new ClosedLoopStatefulStack(app, 'ClosedLoopStateful', {
    description: 'closeloop: the complaint table and the link-signing secret (retained)',
  });
  const stateless = new ClosedLoopStatelessStack(app, 'ClosedLoopStateless', {
    description: 'closeloop: API, functions, workflow, escalation topics, survey schedule, staff directory',
    store: stateful.store,
    linkSigningSecret: stateful.linkSigning.secret,
    settings,
  });
  Tags.of(app).add('project', 'closeloop');
  Tags.of(app).add('stage', settings.stage);
  return { settings, stateful, stateless };
}
