import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { capabilitiesByHandler } from '../../functions/declarations/capabilities.ts';
import { routes } from '../../functions/declarations/routes.ts';
import { buildClosedLoopApp } from './synth-closed-loop.ts';

interface Finding {
  rule: string;
  path: string;
}

interface Acknowledgement {
  rule: string;
  path: string;
  reason: string;
}

const findingsOf = (app: App, checks: AwsSolutionsChecks): Finding[] =>
  checks.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      path: resource.constructPath ?? '',
    })),
  );

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

/** The same pack with acknowledgements ignored: what cdk-nag would report if nobody had answered it. */
function rawChecks(): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks();
  (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return checks;
}

describe('cdk-nag: AwsSolutionsChecks', () => {
  const withSubscribers = {
    escalationEmails: '1:supervisors@example.com,managers@example.com',
    operationsEmails: 'ops@example.com',
  };

  it.each([
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
  ])('synthesizes with no unacknowledged finding ($settings)', ({ context, cloudFormationValidation }) => {
    const { app } = buildClosedLoopApp(context, { cloudFormationValidation });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
    expect(findingsOf(app, new AwsSolutionsChecks())).toEqual([]);
  });

  describe('acknowledgements', () => {
    const { app, stateless } = buildClosedLoopApp(withSubscribers);
    app.synth();
    const acknowledgements = acknowledgementsOf(app);
    const rawFindings = findingsOf(app, rawChecks());

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

    it('are never made on a whole stack or the app', () => {
      const tooBroad = acknowledgements.filter((ack) => !ack.path.includes('/'));
      expect(tooBroad).toEqual([]);
    });
  });
});
