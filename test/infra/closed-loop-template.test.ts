import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { type Capability, env } from '../../functions/declarations/capabilities.ts';
import { capabilitiesByHandler } from '../../functions/declarations/function-capabilities.ts';
import { routes } from '../../functions/declarations/routes.ts';
import { projectionOf, tableSchema } from '../../functions/declarations/table-schema.ts';
import { scheduledTasks, workflowDefinitionFile, workflowTasks } from '../../functions/declarations/workflow-tasks.ts';
import { projectFile } from '../../lib/project-paths.ts';
import { provisionalDeadlineMessage } from '../../lib/provisional-deadlines-alarm.ts';
import { logicalIdOf, synthClosedLoop } from './synth-closed-loop.ts';

const closedLoop = synthClosedLoop();
const { statefulTemplate, statelessTemplate, stateless } = closedLoop;

/** Template fragments as the assertions library returns them: untyped CloudFormation JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const resourcesOf = (template: Template, type: string): Record<string, Json> => template.findResources(type);
const onlyResource = (template: Template, type: string): [string, Json] => {
  const entries = Object.entries(resourcesOf(template, type));
  expect(entries, `exactly one ${type}`).toHaveLength(1);
  return entries[0]!;
};
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** The declared functions' resources: aws-cdk-lib's BucketDeployment handler (the web app upload) is not one of them. */
const ownFunctionsOf = (template: Template): [string, Json][] =>
  Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));

const complaintFunction = (functionName: string) => {
  const fn = stateless.functions.get(functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  return fn;
};
const functionResource = (functionName: string): Json =>
  resourcesOf(statelessTemplate, 'AWS::Lambda::Function')[logicalIdOf(complaintFunction(functionName).function)]!;
const environmentOf = (functionName: string) => functionResource(functionName).Properties.Environment.Variables as Json;
const statementsOfRole = (roleId: string): Statement[] =>
  Object.values(resourcesOf(statelessTemplate, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
const statementsOf = (functionName: string) => statementsOfRole(logicalIdOf(complaintFunction(functionName).role));
const statementsAllowing = (functionName: string, action: string) =>
  statementsOf(functionName).filter((s) => s.Effect === 'Allow' && asList(s.Action).includes(action));

/** A value the stateless stack reads from the stateful one (weak reference): the stateful output's value. */
const fromStatefulStack = (value: Json): Json => {
  const outputName = value['Fn::GetStackOutput']?.OutputName as string | undefined;
  expect(value['Fn::GetStackOutput']?.StackName, JSON.stringify(value)).toBe('ClosedLoopStateful');
  return (statefulTemplate.toJSON().Outputs as Json)[outputName!].Value as Json;
};
const functionsDeclaring = (capability: Capability) =>
  [...declaredFunctionNames].filter((name) =>
    capabilitiesByHandler[complaintFunction(name).handlerModule]!.includes(capability),
  );

const stateMachineId = logicalIdOf(stateless.workflow.stateMachine);
const escalationTopicId = logicalIdOf(stateless.channel.escalationTopic);
const operationsTopicId = logicalIdOf(stateless.channel.operationsTopic);
const declaredFunctionNames = new Set(
  [...routes, ...workflowTasks, ...scheduledTasks].map((declaration) => declaration.functionName),
);

describe('Stack: ClosedLoopStateful', () => {
  describe('Construct: ComplaintStore', () => {
    it('keys the table on pk/sk, on demand, with point-in-time recovery, KMS encryption and deletion protection, retained', () => {
      statefulTemplate.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          KeySchema: [
            { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      });
    });

    it('creates exactly the indexes declared in table-schema.ts, each projecting all attributes', () => {
      const [, table] = onlyResource(statefulTemplate, 'AWS::DynamoDB::Table');
      const indexes = (table.Properties.GlobalSecondaryIndexes as Json[]).map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema,
        projection: index.Projection,
      }));
      expect(indexes).toEqual(
        tableSchema.globalIndexes.map((index) => ({
          name: index.name,
          keys: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          projection: projectionOf(index),
        })),
      );
      // The report index carries the report's facts alone, not whole complaints.
      expect(indexes.find((index) => index.name === 'reportMonth')?.projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['reportFacts'] });
    });

    it('deletes expired idempotency records by TTL on expiresAt, the epoch-seconds attribute the records carry', () => {
      const [, table] = onlyResource(statefulTemplate, 'AWS::DynamoDB::Table');
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
      expect(tableSchema.timeToLiveAttribute).toBe('expiresAt');
    });

    it('encrypts the table at rest with KMS (the AWS managed key aws/dynamodb)', () => {
      const [, table] = onlyResource(statefulTemplate, 'AWS::DynamoDB::Table');
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    });

    it('outputs the table name, from a stack with termination protection', () => {
      statefulTemplate.hasOutput('TableName', {});
      expect(closedLoop.stateful.terminationProtection).toBe(true);
    });
  });

  describe('Construct: LinkSigningSecret', () => {
    const secretId = logicalIdOf(closedLoop.stateful.linkSigning.secret);
    const keyId = logicalIdOf(closedLoop.stateful.linkSigning.encryptionKey);

    it('generates a 64-character key of letters and digits, encrypted with its own rotating KMS key, both retained', () => {
      const [id, secret] = onlyResource(statefulTemplate, 'AWS::SecretsManager::Secret');
      expect(id).toBe(secretId);
      expect(secret).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 },
          KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
      });
      expect(secret.Properties.SecretString).toBeUndefined();
      statefulTemplate.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ EnableKeyRotation: true }),
      });
    });

    it('lives in the stateful stack only: the stateless stack creates no secret', () => {
      statelessTemplate.resourceCountIs('AWS::SecretsManager::Secret', 0);
    });
  });
});

describe('Stack: ClosedLoopStateless', () => {
  describe('Construct: ComplaintApi', () => {
    /** Every method as `METHOD /path AUTHORIZATION`, the path rebuilt from the resources' ParentId chain. */
    function methodsInTemplate(): string[] {
      const resources = resourcesOf(statelessTemplate, 'AWS::ApiGateway::Resource');
      const pathOf = (resourceId: Json): string => {
        if (resourceId['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
        const resource = resources[resourceId.Ref as string];
        if (!resource) throw new Error(`unknown API resource ${JSON.stringify(resourceId)}`);
        return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
      };
      return Object.values(resourcesOf(statelessTemplate, 'AWS::ApiGateway::Method'))
        .map((m) => `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId)} ${m.Properties.AuthorizationType}`)
        .sort();
    }

    it('serves every declared route and nothing else; only staff routes use the Cognito authorizer', () => {
      expect(methodsInTemplate()).toEqual(
        routes.map((r) => `${r.method} ${r.path} ${r.access === 'staff' ? 'COGNITO_USER_POOLS' : 'NONE'}`).sort(),
      );
      const authorizerId = logicalIdOf(stateless.api.node.findChild('StaffAuthorizer'));
      statelessTemplate.hasResourceProperties('AWS::ApiGateway::Authorizer', {
        Type: 'COGNITO_USER_POOLS',
        ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(stateless.staff.userPool), 'Arn'] }],
      });
      const staffMethods = Object.values(resourcesOf(statelessTemplate, 'AWS::ApiGateway::Method')).filter(
        (m) => m.Properties.AuthorizationType === 'COGNITO_USER_POOLS',
      );
      expect(staffMethods.map((m) => m.Properties.AuthorizerId as Json)).toEqual(
        staffMethods.map(() => ({ Ref: authorizerId })),
      );
    });

    it('sends each route to its declared function through a Lambda proxy integration', () => {
      for (const route of routes) {
        statelessTemplate.hasResourceProperties('AWS::ApiGateway::Method', {
          HttpMethod: route.method,
          OperationName: route.functionName,
          Integration: {
            Type: 'AWS_PROXY',
            Uri: {
              'Fn::Join': [
                '',
                Match.arrayWith([
                  { 'Fn::GetAtt': [logicalIdOf(complaintFunction(route.functionName).function), 'Arn'] },
                ]),
              ],
            },
          },
        });
      }
    });

    it('serves the SLA routes: escalation by hand and its acknowledgement, tier, policies, info requests, reassignment, customer replies', () => {
      expect(methodsInTemplate()).toEqual(
        expect.arrayContaining([
          'POST /staff/complaints/{id}/escalations COGNITO_USER_POOLS',
          'POST /staff/complaints/{id}/escalations/ack COGNITO_USER_POOLS',
          'PUT /staff/customers/{id} COGNITO_USER_POOLS',
          'GET /staff/policies COGNITO_USER_POOLS',
          'POST /staff/complaints/{id}/info-requests COGNITO_USER_POOLS',
          'POST /staff/complaints/{id}/assignment COGNITO_USER_POOLS',
          'POST /complaints/{id}/replies NONE',
        ]),
      );
      for (const [httpMethod, operationName] of [
        ['POST', 'EscalateByHand'],
        ['POST', 'AcknowledgeEscalations'],
        ['PUT', 'SetCustomerTier'],
        ['POST', 'ReplyToComplaint'],
      ] as const) {
        statelessTemplate.hasResourceProperties('AWS::ApiGateway::Method', {
          HttpMethod: httpMethod,
          OperationName: operationName,
          RequestParameters: { 'method.request.path.id': true },
          Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
        });
      }
    });

    it('requires the declared path parameters at the gateway', () => {
      statelessTemplate.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
      statelessTemplate.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: 'POST',
        OperationName: 'RecordResponse',
        RequestParameters: { 'method.request.path.id': true },
      });
    });

    it('logs access as JSON and errors (never bodies), traces, and throttles the stage and the anonymous routes', () => {
      const [, stage] = onlyResource(statelessTemplate, 'AWS::ApiGateway::Stage');
      expect(stage.Properties).toMatchObject({
        StageName: 'dev',
        TracingEnabled: true,
        AccessLogSetting: {
          DestinationArn: expect.anything(),
          Format: expect.stringContaining('"status":"$context.status"'),
        },
      });
      expect(stage.Properties.MethodSettings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            HttpMethod: '*',
            ResourcePath: '/*',
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
            ThrottlingRateLimit: 50,
          }),
          expect.objectContaining({
            HttpMethod: 'POST',
            ResourcePath: '/~1complaints',
            LoggingLevel: 'ERROR',
            ThrottlingRateLimit: 10,
          }),
          expect.objectContaining({
            HttpMethod: 'POST',
            ResourcePath: '/~1surveys~1{token}',
            LoggingLevel: 'ERROR',
            ThrottlingRateLimit: 10,
          }),
        ]),
      );
      expect((stage.Properties.MethodSettings as Json[]).every((setting) => setting.DataTraceEnabled === false)).toBe(
        true,
      );
    });

    const methodSettingsOf = (template: Template) =>
      onlyResource(template, 'AWS::ApiGateway::Stage')[1].Properties.MethodSettings as Json[];
    const throttleOf = (settings: Json[], resourcePath: string, httpMethod: string) => {
      const setting = settings.find((s) => s.ResourcePath === resourcePath && s.HttpMethod === httpMethod);
      return setting && { rate: setting.ThrottlingRateLimit as number, burst: setting.ThrottlingBurstLimit as number };
    };

    it('throttles the stage at 50 rps (burst 100) and POST /complaints tighter, at 10 rps (burst 20), by default', () => {
      const settings = methodSettingsOf(statelessTemplate);
      expect(throttleOf(settings, '/*', '*')).toEqual({ rate: 50, burst: 100 });
      expect(throttleOf(settings, '/~1complaints', 'POST')).toEqual({ rate: 10, burst: 20 });
    });

    it('takes the stage and anonymous-route limits from the deployment settings', () => {
      const { statelessTemplate: tuned } = synthClosedLoop({
        apiRateLimit: '200',
        apiBurstLimit: '400',
        publicRateLimit: '25',
        publicBurstLimit: '50',
      });
      const settings = methodSettingsOf(tuned);
      expect(throttleOf(settings, '/*', '*')).toEqual({ rate: 200, burst: 400 });
      expect(throttleOf(settings, '/~1complaints', 'POST')).toEqual({ rate: 25, burst: 50 });
      expect(throttleOf(settings, '/~1surveys~1{token}', 'POST')).toEqual({ rate: 25, burst: 50 });
      tuned.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 25, BurstLimit: 50 } });
    });

    it('attaches a throttled usage plan to the stage, and requires an API key on no route', () => {
      const [, plan] = onlyResource(statelessTemplate, 'AWS::ApiGateway::UsagePlan');
      const [stageId] = onlyResource(statelessTemplate, 'AWS::ApiGateway::Stage');
      expect(plan.Properties.Throttle).toEqual({ RateLimit: 10, BurstLimit: 20 });
      expect(plan.Properties.ApiStages).toEqual([
        expect.objectContaining({ ApiId: { Ref: logicalIdOf(stateless.api.restApi) }, Stage: { Ref: stageId } }),
      ]);
      for (const method of Object.values(resourcesOf(statelessTemplate, 'AWS::ApiGateway::Method'))) {
        expect(method.Properties.ApiKeyRequired).not.toBe(true);
      }
      statelessTemplate.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    });
  });

  describe('Construct: ComplaintFunction', () => {
    const newestNodeRuntime = Runtime.ALL.filter((runtime) => runtime.family === RuntimeFamily.NODEJS)
      .map((runtime) => runtime.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .at(-1);

    it('deploys one function per declared function name', () => {
      expect(ownFunctionsOf(statelessTemplate)).toHaveLength(
        declaredFunctionNames.size,
      );
      expect([...stateless.functions.keys()].sort()).toEqual([...declaredFunctionNames].sort());
    });

    it('runs every function on arm64 and the newest Node.js runtime CDK knows (the one cdk-nag L1 wants)', () => {
      expect(newestNodeRuntime).toBe('nodejs24.x');
      for (const [, fn] of ownFunctionsOf(statelessTemplate)) {
        expect(fn.Properties).toMatchObject({ Runtime: newestNodeRuntime, Architectures: ['arm64'] });
      }
    });

    it('gives every function active tracing, 256 MB, its own log group, the service name and the desk time zone', () => {
      for (const name of declaredFunctionNames) {
        expect(functionResource(name).Properties).toMatchObject({
          MemorySize: 256,
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogGroup: { Ref: logicalIdOf(complaintFunction(name).logGroup) } },
          Handler: 'index.handler',
        });
        expect(environmentOf(name)).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'closeloop',
          [env.deskTimeZone]: 'Asia/Shanghai',
        });
      }
    });

    it('attaches no AWS managed policy to a function role, and grants no Scan or table-wide index wildcard', () => {
      for (const name of declaredFunctionNames) {
        const roleId = logicalIdOf(complaintFunction(name).role);
        expect(resourcesOf(statelessTemplate, 'AWS::IAM::Role')[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
        const actions = statementsOf(name).flatMap((s) => asList(s.Action));
        expect(actions).not.toContain('dynamodb:Scan');
        expect(JSON.stringify(statementsOf(name))).not.toContain('/index/*');
      }
    });
  });

  describe('Encryption at rest', () => {
    const logKeyId = logicalIdOf(stateless.logKey);
    const topicKeyId = logicalIdOf(stateless.channel.topicKey);
    const keyPolicyStatements = (keyId: string) =>
      resourcesOf(statelessTemplate, 'AWS::KMS::Key')[keyId]!.Properties.KeyPolicy.Statement as Json[];

    it('gives every log group of both stacks a 90-day retention and the customer-managed log key', () => {
      const logGroups = [statefulTemplate, statelessTemplate].flatMap((template) =>
        Object.entries(resourcesOf(template, 'AWS::Logs::LogGroup')),
      );
      // One per function, the workflow's, the API's access logs and the web app upload's.
      expect(logGroups).toHaveLength(declaredFunctionNames.size + 3);
      for (const [id, logGroup] of logGroups) {
        expect(logGroup.Properties.RetentionInDays, id).toBe(90);
        expect(logGroup.Properties.KmsKeyId, id).toEqual({ 'Fn::GetAtt': [logKeyId, 'Arn'] });
      }
    });

    it('rotates both customer-managed keys of the stateless stack', () => {
      for (const keyId of [logKeyId, topicKeyId]) {
        expect(resourcesOf(statelessTemplate, 'AWS::KMS::Key')[keyId]!.Properties.EnableKeyRotation, keyId).toBe(true);
      }
    });

    it("lets CloudWatch Logs of this region use the log key only for this account's log groups", () => {
      expect(keyPolicyStatements(logKeyId)).toContainEqual({
        Sid: 'CloudWatchLogsOfThisAccountAndRegion',
        Effect: 'Allow',
        Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        Action: expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']),
        Resource: '*',
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':logs:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':log-group:*',
                ],
              ],
            },
          },
        },
      });
    });

    it('encrypts both topics with the topic key, which CloudWatch may use to publish alarms', () => {
      for (const topicId of [escalationTopicId, operationsTopicId]) {
        expect(resourcesOf(statelessTemplate, 'AWS::SNS::Topic')[topicId]!.Properties.KmsMasterKeyId, topicId).toEqual({
          'Fn::GetAtt': [topicKeyId, 'Arn'],
        });
      }
      expect(keyPolicyStatements(topicKeyId)).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
    });

    it('lets exactly the functions that publish to a topic use the topic key, by exact action', () => {
      const publishers = new Set([
        ...functionsDeclaring('publishEscalations'),
        ...functionsDeclaring('publishOperations'),
      ]);
      expect(publishers.size).toBeGreaterThan(0);
      for (const name of declaredFunctionNames) {
        const onTopicKey = statementsOf(name).filter(
          (statement) => JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [topicKeyId, 'Arn'] }),
        );
        expect(onTopicKey.flatMap((statement) => asList(statement.Action)).sort(), name).toEqual(
          publishers.has(name) ? ['kms:Decrypt', 'kms:GenerateDataKey'] : [],
        );
      }
    });
  });

  describe('Capabilities (functions/declarations/capabilities.ts)', () => {
    const handlerOf = (functionName: string) => complaintFunction(functionName).handlerModule;

    const hasTable = (name: string) =>
      capabilitiesByHandler[handlerOf(name)]!.some(
        (capability) => capability === 'readTable' || capability === 'writeTable',
      );

    it('sets TABLE_NAME iff readTable or writeTable is declared, and grants reads and writes only where declared', () => {
      for (const name of declaredFunctionNames) {
        const capabilities = capabilitiesByHandler[handlerOf(name)]!;
        expect(Object.keys(environmentOf(name)).includes(env.tableName), name).toBe(hasTable(name));
        const reads = statementsAllowing(name, 'dynamodb:GetItem').length > 0;
        expect(reads, name).toBe(capabilities.includes('readTable'));
        const writes = statementsAllowing(name, 'dynamodb:PutItem').length > 0;
        expect(writes, name).toBe(capabilities.includes('writeTable'));
      }
    });

    it('gives a function with no table capability (get-policies) no TABLE_NAME and no DynamoDB action at all', () => {
      expect(capabilitiesByHandler['api/get-policies']).toEqual([]);
      expect(environmentOf('GetPolicies')).not.toHaveProperty(env.tableName);
      const actions = statementsOf('GetPolicies').flatMap((s) => asList(s.Action));
      expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    });

    it('file-complaint may start the workflow (states:StartExecution on the state machine) and knows its ARN', () => {
      expect(environmentOf('FileComplaint')).toMatchObject({ [env.workflowArn]: { Ref: stateMachineId } });
      expect(statementsAllowing('FileComplaint', 'states:StartExecution')).toEqual([
        expect.objectContaining({ Resource: { Ref: stateMachineId } }),
      ]);
    });

    it('escalate-complaint may publish to the escalation topic only, and knows its ARN', () => {
      expect(environmentOf('EscalateComplaint')).toMatchObject({
        [env.escalationTopicArn]: { Ref: escalationTopicId },
      });
      expect(statementsAllowing('EscalateComplaint', 'sns:Publish')).toEqual([
        expect.objectContaining({ Resource: { Ref: escalationTopicId } }),
      ]);
    });

    it('record-failure may publish to the operations topic only', () => {
      expect(environmentOf('RecordFailure')).toMatchObject({ [env.operationsTopicArn]: { Ref: operationsTopicId } });
      expect(statementsAllowing('RecordFailure', 'sns:Publish')).toEqual([
        expect.objectContaining({ Resource: { Ref: operationsTopicId } }),
      ]);
    });

    it('record-response completes waits with SendTaskSuccess/SendTaskFailure, which IAM only allows on "*"', () => {
      const [statement] = statementsAllowing('RecordResponse', 'states:SendTaskSuccess');
      expect(asList(statement!.Action)).toContain('states:SendTaskFailure');
      expect(statement!.Resource).toBe('*');
      expect(statementsAllowing('GetComplaint', 'states:SendTaskSuccess')).toEqual([]);
    });

    it('send-surveys may send mail from the SES identity and links to the website, which forwards the API paths', () => {
      const identityId = logicalIdOf(stateless.node.findChild('CustomerMailSender'));
      expect(environmentOf('SendSurveys')).toMatchObject({
        [env.mailFrom]: 'complaints@example.com',
        [env.publicBaseUrl]: {
          'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(stateless.website.distribution), 'DomainName'] }]],
        },
      });
      const [statement] = statementsAllowing('SendSurveys', 'ses:SendEmail');
      expect(JSON.stringify(statement!.Resource)).toContain(`{"Ref":"${identityId}"}`);
      statelessTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'complaints@example.com' });
    });

    it('lets exactly the functions declaring signLinks read the link-signing secret (read only), and tells them its ARN', () => {
      const secretRef = { Ref: logicalIdOf(closedLoop.stateful.linkSigning.secret) };
      const keyArn = { 'Fn::GetAtt': [logicalIdOf(closedLoop.stateful.linkSigning.encryptionKey), 'Arn'] };
      const signers = functionsDeclaring('signLinks');
      expect(signers).toEqual(expect.arrayContaining(['AnswerSurvey', 'ConfirmResolution', 'SendSurveys']));
      for (const name of declaredFunctionNames) {
        const secretStatements = statementsOf(name).filter((s) =>
          asList(s.Action).some((a) => a.startsWith('secretsmanager:')),
        );
        const decrypt = statementsAllowing(name, 'kms:Decrypt').filter(
          (s) =>
            JSON.stringify(s).includes('Fn::GetStackOutput') &&
            JSON.stringify(fromStatefulStack(s.Resource as Json)) === JSON.stringify(keyArn),
        );
        const variable = environmentOf(name)[env.linkSigningSecretArn] as Json | undefined;
        if (!signers.includes(name)) {
          expect(secretStatements, name).toEqual([]);
          expect(decrypt, name).toEqual([]);
          expect(variable, name).toBeUndefined();
          continue;
        }
        expect(secretStatements, name).toHaveLength(1);
        expect(asList(secretStatements[0]!.Action).sort(), name).toEqual([
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ]);
        expect(fromStatefulStack(secretStatements[0]!.Resource as Json), name).toEqual(secretRef);
        expect(decrypt, name).toEqual([
          expect.objectContaining({
            Action: 'kms:Decrypt',
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
              },
            },
          }),
        ]);
        expect(fromStatefulStack(variable!), name).toEqual(secretRef);
      }
    });

    it('gives every function exactly the environment variables of its capabilities (no SLA_POLICY without the slaPolicy context)', () => {
      const variablesFor = (handler: string): string[] => {
        const capabilities = capabilitiesByHandler[handler]!;
        return [
          env.deskTimeZone,
          ...(capabilities.includes('readTable') || capabilities.includes('writeTable') ? [env.tableName] : []),
          ...(capabilities.includes('startWorkflow') ? [env.workflowArn] : []),
          ...(capabilities.includes('publishEscalations') ? [env.escalationTopicArn] : []),
          ...(capabilities.includes('publishOperations') ? [env.operationsTopicArn] : []),
          ...(capabilities.includes('sendMail') ? [env.mailFrom] : []),
          ...(capabilities.includes('signLinks') ? [env.linkSigningSecretArn] : []),
          ...(capabilities.includes('sendMail') ? [env.publicBaseUrl] : []),
        ].sort();
      };
      const ours = new Set<string>(Object.values(env));
      for (const name of declaredFunctionNames) {
        const variables = Object.keys(environmentOf(name)).filter((key) => ours.has(key));
        expect(variables.sort(), name).toEqual(variablesFor(handlerOf(name)));
      }
    });
  });

  describe('Construct: ComplaintWorkflow', () => {
    const [, stateMachine] = onlyResource(statelessTemplate, 'AWS::StepFunctions::StateMachine');
    const aslStates = (JSON.parse(readFileSync(projectFile(workflowDefinitionFile), 'utf8')) as Json).States as Json;
    const taskStateNames = (states: Json) =>
      Object.entries(states)
        .filter(([, state]) => state.Type === 'Task')
        .map(([name]) => name)
        .sort();

    it('is a Standard state machine logging ALL events (with execution data) and traced', () => {
      expect(stateMachine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
        TracingConfiguration: { Enabled: true },
      });
    });

    it('keeps the ASL inline, with every Task state of the file', () => {
      expect(typeof stateMachine.Properties.DefinitionString).toBe('string');
      const inline = JSON.parse(stateMachine.Properties.DefinitionString as string) as Json;
      expect(taskStateNames(inline.States as Json)).toEqual(taskStateNames(aslStates));
      expect(taskStateNames(inline.States as Json)).toEqual(
        expect.arrayContaining([
          'Triage',
          'AwaitResponse',
          'AwaitResolution',
          'AwaitConfirmation',
          'Escalate',
          'RecordFailure',
        ]),
      );
    });

    it('substitutes each ${XFunctionArn} with the ARN of its declared function', () => {
      expect(stateMachine.Properties.DefinitionSubstitutions).toEqual(
        Object.fromEntries(
          workflowTasks.map((task) => [
            task.substitution,
            { 'Fn::GetAtt': [logicalIdOf(complaintFunction(task.functionName).function), 'Arn'] },
          ]),
        ),
      );
    });

    it('wires the SLA tasks (WarnStaff, ExpireInfoRequest) like the others: substituted, 30 s, publishing escalations only', () => {
      for (const name of ['WarnStaff', 'ExpireInfoRequest']) {
        const task = workflowTasks.find((t) => t.functionName === name)!;
        expect(stateMachine.Properties.DefinitionSubstitutions[task.substitution]).toEqual({
          'Fn::GetAtt': [logicalIdOf(complaintFunction(name).function), 'Arn'],
        });
        expect(functionResource(name).Properties.Timeout).toBe(30);
        expect(environmentOf(name)).toMatchObject({ [env.escalationTopicArn]: { Ref: escalationTopicId } });
        expect(statementsAllowing(name, 'sns:Publish')).toEqual([
          expect.objectContaining({ Resource: { Ref: escalationTopicId } }),
        ]);
      }
    });

    it('may invoke exactly the task functions, by unqualified ARN', () => {
      const roleId = stateMachine.Properties.RoleArn['Fn::GetAtt'][0] as string;
      const invoke = statementsOfRole(roleId).filter((s) => asList(s.Action).includes('lambda:InvokeFunction'));
      expect(invoke).toHaveLength(1);
      const taskFunctionArns = [...new Set(workflowTasks.map((task) => task.functionName))].map((name) => ({
        'Fn::GetAtt': [logicalIdOf(complaintFunction(name).function), 'Arn'],
      }));
      expect(asList(invoke[0]!.Resource as unknown[])).toEqual(expect.arrayContaining(taskFunctionArns));
      expect(asList(invoke[0]!.Resource as unknown[])).toHaveLength(taskFunctionArns.length);
    });
  });

  describe('SLA policy (context slaPolicy)', () => {
    const policyFile = 'test/infra/fixtures/sla-policy.json';

    it('sets SLA_POLICY, the policy file minified, on every function when given', () => {
      const minified = JSON.stringify(JSON.parse(readFileSync(projectFile(policyFile), 'utf8')));
      const { statelessTemplate: withPolicy } = synthClosedLoop({ slaPolicy: policyFile });
      const functions = ownFunctionsOf(withPolicy);
      expect(functions).toHaveLength(declaredFunctionNames.size);
      for (const [, fn] of functions) expect(fn.Properties.Environment.Variables[env.slaPolicy]).toBe(minified);
    });

    it('sets no SLA_POLICY without it, so the functions use the built-in default policy', () => {
      for (const [, fn] of ownFunctionsOf(statelessTemplate)) {
        expect(fn.Properties.Environment.Variables).not.toHaveProperty(env.slaPolicy);
      }
    });
  });

  describe('Construct: ProvisionalDeadlinesAlarm', () => {
    const alarmId = logicalIdOf(stateless.provisionalDeadlines.alarm);

    it('counts the FileComplaint log lines whose JSON message says a deadline is provisional (1 each, 0 otherwise)', () => {
      const [, filter] = onlyResource(statelessTemplate, 'AWS::Logs::MetricFilter');
      expect(filter.Properties).toEqual({
        LogGroupName: { Ref: logicalIdOf(complaintFunction('FileComplaint').logGroup) },
        FilterPattern: `{ $.message = "${provisionalDeadlineMessage}" }`,
        MetricTransformations: [
          { MetricNamespace: 'Closeloop', MetricName: 'ProvisionalDeadlines', MetricValue: '1', DefaultValue: 0 },
        ],
      });
    });

    it('matches the message the filing use case logs', () => {
      expect(provisionalDeadlineMessage).toBe(
        'deadline computed without the statutory calendar of a year: provisional',
      );
      expect(readFileSync(new URL('../../functions/use-cases/file-complaint.ts', import.meta.url), 'utf8')).toContain(`'${provisionalDeadlineMessage}'`);
    });

    it('alarms at 1 or more in an hour, missing data not breaching, by publishing to the operations topic', () => {
      const alarm = resourcesOf(statelessTemplate, 'AWS::CloudWatch::Alarm')[alarmId]!;
      expect(alarm.Properties).toMatchObject({
        Namespace: 'Closeloop',
        MetricName: 'ProvisionalDeadlines',
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: operationsTopicId }],
      });
      expect(alarm.Properties.Dimensions).toBeUndefined();
    });

    it('lets CloudWatch publish to the operations topic for this alarm only (the TLS-only topic policy stays)', () => {
      statelessTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: operationsTopicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            {
              Sid: 'ProvisionalDeadlinesAlarmPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: operationsTopicId },
              Condition: {
                ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [alarmId, 'Arn'] } },
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              },
            },
          ]),
        },
      });
      const escalationPolicy = Object.values(resourcesOf(statelessTemplate, 'AWS::SNS::TopicPolicy')).find(
        (policy) => (policy.Properties.Topics as Json[])[0]!.Ref === escalationTopicId,
      );
      expect(JSON.stringify(escalationPolicy)).not.toContain('cloudwatch.amazonaws.com');
    });
  });

  describe('Construct: EscalationChannel', () => {
    it('has an escalation topic and an operations topic, both refusing publishes without TLS', () => {
      expect(Object.keys(resourcesOf(statelessTemplate, 'AWS::SNS::Topic')).sort()).toEqual(
        [escalationTopicId, operationsTopicId].sort(),
      );
      for (const topicId of [escalationTopicId, operationsTopicId]) {
        statelessTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
          Topics: [{ Ref: topicId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('subscribes nobody when no emails are configured', () => {
      statelessTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
    });

    it('subscribes each configured address, filtering on the level attribute when one is given', () => {
      const { statelessTemplate: withSubscribers } = synthClosedLoop({
        escalationEmails: '1:supervisors@example.com, 2:managers@example.com, duty@example.com',
        operationsEmails: 'ops@example.com',
      });
      withSubscribers.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'supervisors@example.com',
        TopicArn: { Ref: escalationTopicId },
        // Supervisors also receive the high-risk alerts (level=risk).
        FilterPolicy: { level: ['1', 'risk'] },
      });
      withSubscribers.hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: 'managers@example.com',
        FilterPolicy: { level: ['2'] },
      });
      withSubscribers.hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: 'duty@example.com',
        TopicArn: { Ref: escalationTopicId },
        FilterPolicy: Match.absent(),
      });
      withSubscribers.hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: 'ops@example.com',
        TopicArn: { Ref: operationsTopicId },
      });
    });

    it('sends what SNS could not deliver to any subscriber to the Undeliverable queue, which alarms operations', () => {
      const { statelessTemplate: withSubscribers } = synthClosedLoop({
        escalationEmails: '1:supervisors@example.com',
        operationsEmails: 'ops@example.com',
      });
      const undeliverable = stateless.channel.undeliverable;
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(undeliverable.queue), 'Arn'] };
      const subscriptions = Object.values(resourcesOf(withSubscribers, 'AWS::SNS::Subscription'));
      expect(subscriptions).toHaveLength(2);
      for (const subscription of subscriptions) {
        expect(subscription.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: queueArn });
      }
      expect(
        resourcesOf(withSubscribers, 'AWS::CloudWatch::Alarm')[logicalIdOf(undeliverable.alarm)]!.Properties,
      ).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: operationsTopicId }],
      });
    });
  });

  describe('Construct: ScheduledTask', () => {
    const surveySchedule = stateless.schedules.get('SendSurveys')!;
    const senderArn = { 'Fn::GetAtt': [logicalIdOf(complaintFunction('SendSurveys').function), 'Arn'] };
    const failedRuns = surveySchedule.failedRuns;
    const queueId = logicalIdOf(failedRuns.queue);
    const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };

    it('gives every periodic task its own hourly rule and its own failed-runs queue', () => {
      expect([...stateless.schedules.keys()].sort()).toEqual(['SendMonthlyReview', 'SendSurveys', 'StartMissedWorkflows']);
      for (const task of scheduledTasks.filter((t) => 'everyMinutes' in t)) {
        const schedule = stateless.schedules.get(task.functionName)!;
        const rule = resourcesOf(statelessTemplate, 'AWS::Events::Rule')[logicalIdOf(schedule.rule!)]!;
        expect(rule.Properties).toMatchObject({
          ScheduleExpression: 'rate(1 hour)',
          Targets: [
            expect.objectContaining({
              Arn: { 'Fn::GetAtt': [logicalIdOf(complaintFunction(task.functionName).function), 'Arn'] },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(schedule.failedRuns.queue), 'Arn'] } },
            }),
          ],
        });
      }
    });

    it("runs the monthly review daily at 09:00 in the desk's time zone with EventBridge Scheduler, failed runs to its own queue", () => {
      const review = stateless.schedules.get('SendMonthlyReview')!;
      expect(review.rule).toBeUndefined();
      const reviewFunctionId = logicalIdOf(complaintFunction('SendMonthlyReview').function);
      const schedule = resourcesOf(statelessTemplate, 'AWS::Scheduler::Schedule')[logicalIdOf(review.schedule!)]!;
      expect(schedule.Properties).toMatchObject({
        ScheduleExpression: 'cron(0 9 * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: { 'Fn::GetAtt': [reviewFunctionId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(review.failedRuns.queue), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
        },
      });
      // The scheduler's own role may invoke this function's unqualified ARN and send to its queue, nothing else.
      const roleId = (schedule.Properties.Target as { RoleArn: { 'Fn::GetAtt': [string, string] } }).RoleArn['Fn::GetAtt'][0];
      const statements = Object.values(resourcesOf(statelessTemplate, 'AWS::IAM::Policy'))
        .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
        .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
      expect(statements).toEqual([
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [reviewFunctionId, 'Arn'] } },
        { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalIdOf(review.failedRuns.queue), 'Arn'] } },
      ]);
    });

    it('gives the review recipients (context reportRecipients) to the review function alone', () => {
      const recipientsOf = (template: typeof statelessTemplate) =>
        Object.entries(resourcesOf(template, 'AWS::Lambda::Function'))
          .map(([id, fn]) => [id, (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.REPORT_RECIPIENTS])
          .filter(([, recipients]) => recipients !== undefined);
      expect(recipientsOf(statelessTemplate)).toEqual([]);
      const { statelessTemplate: withRecipients } = synthClosedLoop({
        reportRecipients: 'Director@example.com, ops@example.com,director@example.com',
      });
      expect(recipientsOf(withRecipients)).toEqual([
        [logicalIdOf(complaintFunction('SendMonthlyReview').function), 'director@example.com,ops@example.com'],
      ]);
    });

    it('runs the survey sender on the declared period', () => {
      expect(scheduledTasks[0].everyMinutes).toBe(60);
      statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 hour)',
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: senderArn })],
      });
    });

    it('sends a run EventBridge could not deliver after 2 retries (or within the period) to the FailedRuns queue', () => {
      statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
        Targets: [
          Match.objectLike({
            Arn: senderArn,
            DeadLetterConfig: { Arn: queueArn },
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          }),
        ],
      });
      statelessTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: {
                ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(surveySchedule.rule!), 'Arn'] } },
              },
            }),
          ]),
        },
      });
    });

    it("sends a run that failed the function's own 2 retries (or outlived the period) to the same queue", () => {
      const config = Object.values(resourcesOf(statelessTemplate, 'AWS::Lambda::EventInvokeConfig')).find(
        (c) => c.Properties.FunctionName.Ref === logicalIdOf(complaintFunction('SendSurveys').function),
      )!;
      expect(config.Properties).toEqual({
        FunctionName: { Ref: logicalIdOf(complaintFunction('SendSurveys').function) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: { OnFailure: { Destination: queueArn } },
      });
      expect(statementsAllowing('SendSurveys', 'sqs:SendMessage')).toEqual([
        expect.objectContaining({ Resource: queueArn }),
      ]);
    });

    it('keeps failed runs 14 days in a queue encrypted by SQS that refuses requests without TLS', () => {
      const queue = resourcesOf(statelessTemplate, 'AWS::SQS::Queue')[queueId]!;
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      statelessTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('alarms operations as soon as one failed run is waiting (ApproximateNumberOfMessagesVisible > 0)', () => {
      const alarmId = logicalIdOf(failedRuns.alarm);
      const alarm = resourcesOf(statelessTemplate, 'AWS::CloudWatch::Alarm')[alarmId]!;
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: operationsTopicId }],
      });
      statelessTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: operationsTopicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: Match.objectLike({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [alarmId, 'Arn'] } } }),
            }),
          ]),
        },
      });
    });
  });

  describe('Construct: StaffDirectory', () => {
    it('has the groups agents and supervisors', () => {
      const groups = Object.values(resourcesOf(statelessTemplate, 'AWS::Cognito::UserPoolGroup')).map(
        (group) => group.Properties.GroupName as string,
      );
      expect(groups.sort()).toEqual(['agents', 'supervisors']);
    });

    it('is invitation-only, with TOTP MFA required, a strong password policy and the Plus plan', () => {
      statelessTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
      statelessTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      });
    });
  });

  it('outputs what a deployment needs', () => {
    for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'StateMachineArn', 'EscalationTopicArn']) {
      statelessTemplate.hasOutput(output, {});
    }
  });
});

describe('Access and failure hygiene', () => {
  it('names every statement of a resource policy uniquely (IAM refuses repeated Sids)', () => {
    for (const template of [statefulTemplate, statelessTemplate]) {
      for (const type of ['AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::KMS::Key']) {
        for (const [id, resource] of Object.entries(resourcesOf(template, type))) {
          const document = resource.Properties.PolicyDocument ?? resource.Properties.KeyPolicy;
          const sids = (document.Statement as Json[]).map((s) => s.Sid).filter((sid): sid is string => typeof sid === 'string');
          expect(sids.length, id).toBe(new Set(sids).size);
        }
      }
    }
  });

  it('answers gateway refusals (no sign-in, no route, too large, throttled) as problem+json', () => {
    const responses = Object.values(resourcesOf(statelessTemplate, 'AWS::ApiGateway::GatewayResponse')).map((r) => r.Properties);
    const byType = Object.fromEntries(responses.map((p) => [p.ResponseType, p]));
    expect(Object.keys(byType).sort()).toEqual(
      ['ACCESS_DENIED', 'BAD_REQUEST_PARAMETERS', 'DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN', 'REQUEST_TOO_LARGE', 'THROTTLED', 'UNAUTHORIZED'],
    );
    expect(byType.UNAUTHORIZED).toMatchObject({
      StatusCode: '401',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
    });
    const template = byType.UNAUTHORIZED.ResponseTemplates['application/json'] as string;
    expect(template).toContain('"status":401');
    // The template must be JSON once API Gateway puts a quoted message in.
    expect(JSON.parse(template.replaceAll('$context.error.messageString', '"Unauthorized"'))).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it("keeps custom:team in the ID token but out of the staff's own reach", () => {
    const [, pool] = onlyResource(statelessTemplate, 'AWS::Cognito::UserPool');
    expect(pool.Properties.Schema).toEqual([
      expect.objectContaining({ Name: 'team', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } }),
    ]);
    // The SRP client for programs and the desk console's managed-login client.
    const clients = Object.values(resourcesOf(statelessTemplate, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(2);
    for (const client of clients) {
      expect(client.Properties.ReadAttributes).toContain('custom:team');
      expect(client.Properties.WriteAttributes).toEqual(['email']);
    }
  });

  it("gives email-sending functions the website's URL, the distribution's domain with no path (no cycle)", () => {
    const distributionId = logicalIdOf(stateless.website.distribution);
    const senders = [...declaredFunctionNames].filter((n) => capabilitiesByHandler[complaintFunction(n).handlerModule]!.includes('sendMail'));
    expect(senders.length).toBeGreaterThan(0);
    for (const name of senders) {
      expect(environmentOf(name)[env.publicBaseUrl], name).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
      });
    }
  });

  it('tells operations when a complaint execution stops outside its catch-all', () => {
    const alarm = Object.values(resourcesOf(statelessTemplate, 'AWS::CloudWatch::Alarm')).find((a) =>
      String(a.Properties.AlarmDescription).startsWith('A complaint workflow failed'),
    );
    expect(alarm?.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
    const names = (alarm!.Properties.Metrics as Json[]).filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.MetricName).sort();
    expect(names).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    expect(alarm!.Properties.AlarmActions).toEqual([{ Ref: logicalIdOf(stateless.channel.operationsTopic) }]);
  });
});
