import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { capabilitiesByHandler } from '../../functions/declarations/function-capabilities.ts';
import { routes } from '../../functions/declarations/routes.ts';
import { scheduledTasks, workflowDefinitionFile } from '../../functions/declarations/workflow-tasks.ts';
import { projectFile } from '../../lib/project-paths.ts';
import { buildClosedLoopApp } from './synth-closed-loop.ts';

interface Finding {
  rule: string;
  path: string;
  severity: string;
}

interface Acknowledgement {
  rule: string;
  path: string;
  reason: string;
}

const findingsOf = (app: App, checks: NagPack): Finding[] =>
  checks.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      path: resource.constructPath ?? '',
      severity: violation.severity ?? 'unknown',
    })),
  );

/** Both packs that bin/app.ts runs on every synth. */
const packs = [
  { name: 'AwsSolutions', create: () => new AwsSolutionsChecks() },
  { name: 'Serverless', create: () => new ServerlessChecks() },
];

/** Every acknowledgement recorded with Validations.of(scope).acknowledge, where it was made. */
function acknowledgementsOf(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          rule: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      ),
  );
}

/** A pack with acknowledgements ignored: what cdk-nag would report if nobody had answered it. */
function raw(checks: NagPack): NagPack {
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return checks;
}

describe('cdk-nag: AwsSolutionsChecks and ServerlessChecks', () => {
  const withSubscribers = {
    escalationEmails: '1:supervisors@example.com,managers@example.com',
    operationsEmails: 'ops@example.com',
  };

  const settingsCases = [
    {
      settings: 'defaults, with the CloudFormation validation of cdk synth',
      context: {},
      cloudFormationValidation: true,
    },
    {
      settings: 'email subscribers and an SLA policy file',
      context: { ...withSubscribers, slaPolicy: 'test/infra/fixtures/sla-policy.json' },
      cloudFormationValidation: false,
    },
  ];

  describe.each(settingsCases)('with $settings', ({ context, cloudFormationValidation }) => {
    const { app } = buildClosedLoopApp(context, { cloudFormationValidation });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

    it('synthesizes with both packs as validation plugins, as bin/app.ts does', () => {
      expect(() => app.synth()).not.toThrow();
    });

    it.each(packs)('leaves no unacknowledged $name error and no unacknowledged $name warning', ({ create }) => {
      const findings = findingsOf(app, create());
      expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
      expect(findings).toEqual([]);
    });
  });

  describe('acknowledgements', () => {
    const closedLoop = buildClosedLoopApp(withSubscribers);
    const { app, stateless } = closedLoop;
    app.synth();
    const acknowledgements = acknowledgementsOf(app);
    const rawFindings = packs.flatMap(({ create }) => findingsOf(app, raw(create())));

    it('each give a reason of their own, not a placeholder', () => {
      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const { rule, path, reason } of acknowledgements) {
        expect(reason.length, `${rule} at ${path}`).toBeGreaterThanOrEqual(60);
      }
    });

    it('each answer a finding cdk-nag really reports under their scope (none is stale)', () => {
      const stale = acknowledgements.filter(
        (ack) =>
          !rawFindings.some(
            (finding) =>
              finding.rule === ack.rule && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`)),
          ),
      );
      expect(stale).toEqual([]);
    });

    it('answer Resource "*" for SendTaskSuccess/SendTaskFailure on the role of every function that completes waits', () => {
      const completing = [...stateless.functions.values()].filter((fn) =>
        capabilitiesByHandler[fn.handlerModule]!.includes('completeWaits'),
      );
      expect(completing.map((fn) => fn.node.id)).toEqual(
        expect.arrayContaining([
          'RequestInformation',
          'ReplyToComplaint',
          'AcknowledgeEscalations',
          'EscalateByHand',
          'ReassignComplaint',
        ]),
      );
      for (const fn of completing) {
        expect(acknowledgements, fn.node.id).toContainEqual({
          rule: 'AwsSolutions-IAM5[Resource::*]',
          path: fn.role.node.path,
          reason: expect.stringContaining(
            'states:SendTaskSuccess and states:SendTaskFailure support no resource-level',
          ),
        });
      }
      const others = [...stateless.functions.values()].filter((fn) => !completing.includes(fn));
      for (const fn of others) {
        const reasons = acknowledgements.filter((ack) => ack.path === fn.role.node.path).map((ack) => ack.reason);
        expect(reasons.join('\n'), fn.node.id).not.toContain('states:SendTask');
      }
    });

    it('answer APIG4 and COG4 on each route without the staff authorizer, customer routes citing the access token', () => {
      const openRoutes = routes.filter((route) => route.access !== 'staff');
      expect(openRoutes.map((route) => `${route.method} ${route.path}`)).toContain('POST /complaints/{id}/replies');
      for (const route of openRoutes) {
        const method = stateless.api.restApi.methods.find(
          (m) => m.httpMethod === route.method && m.resource.path === route.path,
        );
        expect(method, `${route.method} ${route.path}`).toBeDefined();
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          expect(acknowledgements, `${rule} ${route.method} ${route.path}`).toContainEqual({
            rule,
            path: method!.node.path,
            reason:
              route.access === 'customer'
                ? expect.stringContaining('the handler requires the case access token')
                : expect.stringContaining('is public by design'),
          });
        }
      }
    });

    it('answer Serverless-LambdaDLQ on each synchronously invoked function, and on each scheduled task by its on-failure destination', () => {
      const scheduled = new Set<string>(scheduledTasks.map((task) => task.functionName));
      for (const fn of stateless.functions.values()) {
        const reasons = acknowledgements
          .filter((ack) => ack.rule === 'Serverless-LambdaDLQ' && ack.path === fn.function.node.path)
          .map((ack) => ack.reason);
        expect(reasons, fn.node.id).toHaveLength(1);
        expect(reasons[0], fn.node.id).toContain(
          scheduled.has(fn.node.id) ? 'on-failure destination' : 'Invoked only synchronously',
        );
      }
    });

    it('rely on the workflow invoking its functions synchronously: no Task sets an InvocationType', () => {
      // A Task with "InvocationType": "Event" would make its function's failures asynchronous, with nowhere to go.
      const asl = readFileSync(projectFile(workflowDefinitionFile), 'utf8');
      expect(asl).not.toMatch(/InvocationType/);
    });

    it('answer SMG4 on the link-signing secret with why it is not rotated yet and the planned path', () => {
      expect(acknowledgements).toContainEqual({
        rule: 'AwsSolutions-SMG4',
        path: closedLoop.stateful.linkSigning.secret.node.path,
        reason: expect.stringMatching(/30 days.*invalidate every link.*Dual-key verification/s),
      });
    });

    it('answer SQS3 and Serverless-SQSRedrivePolicy only on queues that are themselves dead-letter queues', () => {
      const deadLetterQueues = [...[...stateless.schedules.values()].map((s) => s.failedRuns.queue), stateless.channel.undeliverable.queue];
      for (const rule of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
        expect(
          acknowledgements
            .filter((ack) => ack.rule === rule)
            .map((ack) => ack.path)
            .sort(),
        ).toEqual(deadLetterQueues.map((queue) => queue.node.path).sort());
      }
    });

    it("answer CFR1-CFR4 on the website's distribution, CFR3 citing the tokens that standard logs would record", () => {
      const onDistribution = acknowledgements.filter((ack) => ack.path === stateless.website.distribution.node.path);
      expect(onDistribution.map((ack) => ack.rule).sort()).toEqual([
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR3',
        'AwsSolutions-CFR4',
      ]);
      expect(onDistribution.find((ack) => ack.rule === 'AwsSolutions-CFR3')!.reason).toMatch(/survey tokens.*query string|query string.*survey tokens/s);
    });

    it("answer findings on aws-cdk-lib's BucketDeployment handler only on it and its role, naming it", () => {
      const handlerAcks = acknowledgements.filter((ack) => ack.path.includes('Custom::CDKBucketDeployment'));
      expect(handlerAcks.length).toBeGreaterThan(0);
      for (const ack of handlerAcks) expect(ack.reason, ack.rule).toMatch(/BucketDeployment|custom resource provider|deployment/);
      expect(handlerAcks.filter((ack) => ack.rule.startsWith('AwsSolutions-IAM5')).map((ack) => ack.path)).toEqual(
        expect.arrayContaining([stateless.website.pagesDeployment.handlerRole.node.path]),
      );
    });

    it('are never made on a whole stack or the app', () => {
      const tooBroad = acknowledgements.filter((ack) => !ack.path.includes('/'));
      expect(tooBroad).toEqual([]);
    });
  });
});
