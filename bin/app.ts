import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { addClosedLoopStacks } from '../lib/closed-loop-app.ts';
import { webDist } from '../lib/project-paths.ts';

const app = new App();
addClosedLoopStacks(app, { webAppDirectory: webDist });
// Synth fails on any AwsSolutions or Serverless finding, error or warning, not
// acknowledged (with its reason) next to its resource. cdk-nag 3 runs as a
// validation plugin, where cdk-nag 2 ran as an Aspect.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
