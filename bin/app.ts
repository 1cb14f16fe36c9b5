import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addClosedLoopStacks } from '../lib/closed-loop-app.ts';

const app = new App();
addClosedLoopStacks(app);
// Synth fails on any AwsSolutions finding not acknowledged (with its reason) next to its resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
