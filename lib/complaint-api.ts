import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDeclaration } from '../functions/declarations/routes.ts';
import type { ApiThrottle } from './deployment-settings.ts';

export interface ComplaintApiProps {
  stage: string;
  /** functions/declarations/routes.ts: one resource and method per entry. */
  routes: readonly RouteDeclaration[];
  functionFor(route: RouteDeclaration): IFunction;
  staffUserPool: IUserPool;
  /** Deployment settings `apiRateLimit`, `apiBurstLimit`, `publicRateLimit`, `publicBurstLimit`. */
  throttle: ApiThrottle;
  /** Encrypts the access log group. */
  logKey: IKey;
}

/**
 * One JSON line per request. No path (it holds case ids and survey tokens) and
 * no bodies: the resource path, status and latencies are enough to operate;
 * the X-Ray trace id links a line to the function's logs.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: AccessLogField.contextRequestId(),
    requestTime: AccessLogField.contextRequestTime(),
    sourceIp: AccessLogField.contextIdentitySourceIp(),
    httpMethod: AccessLogField.contextHttpMethod(),
    resourcePath: AccessLogField.contextResourcePath(),
    status: AccessLogField.contextStatus(),
    responseLength: AccessLogField.contextResponseLength(),
    responseLatency: AccessLogField.contextResponseLatency(),
    integrationLatency: AccessLogField.contextIntegrationLatency(),
    integrationStatus: AccessLogField.contextIntegrationStatus(),
    errorMessage: AccessLogField.contextErrorMessage(),
    errorType: AccessLogField.contextErrorResponseType(),
    staffSub: AccessLogField.contextAuthorizerClaims('sub'),
    xrayTraceId: AccessLogField.contextXrayTraceId(),
  }),
);

/** Per-method settings replace the stage's `/*` ones, so logging and metrics are repeated there. */
const methodLogging = { loggingLevel: MethodLoggingLevel.ERROR, dataTraceEnabled: false, metricsEnabled: true };

const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/**
 * The REST API of the complaint desk, built from the route declarations the
 * local HTTP front also serves. Staff routes need a Cognito ID token (the
 * handler then checks the route's groups); customer routes are open at the
 * gateway and check the case access token in the handler; public routes are
 * open by design.
 */
export class ComplaintApi extends Construct {
  readonly restApi: RestApi;
  readonly usagePlan: UsagePlan;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: ComplaintApiProps) {
    super(scope, id);
    const { stage: stageThrottle, publicRoutes: publicRouteThrottle } = props.throttle;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const methodOptions = Object.fromEntries(
      props.routes
        .filter((route) => route.access === 'public')
        .map((route) => [
          `${route.path}/${route.method}`,
          {
            ...methodLogging,
            throttlingRateLimit: publicRouteThrottle.rateLimit,
            throttlingBurstLimit: publicRouteThrottle.burstLimit,
          },
        ]),
    );

    this.restApi = new RestApi(this, 'RestApi', {
      description: 'closeloop complaint desk',
      endpointTypes: [EndpointType.REGIONAL],
      // Access and execution logging need the account-level API Gateway CloudWatch role.
      cloudWatchRole: true,
      // The role is an account-wide setting other APIs rely on: keep it when this stack goes.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat,
        // Request and response bodies hold customers' personal data: never log them (dataTraceEnabled).
        ...methodLogging,
        throttlingRateLimit: stageThrottle.rateLimit,
        throttlingBurstLimit: stageThrottle.burstLimit,
        methodOptions,
      },
    });
    // The construct's own Endpoint output would duplicate the stack's ApiUrl output.
    this.restApi.node.tryRemoveChild('Endpoint');
    this.stageName = props.stage;

    // What the gateway answers by itself (no sign-in, a wrong route, too large,
    // throttled) has the handlers' problem+json shape, so a client reads one
    // error format; the local HTTP front answers the same way.
    for (const [type, status] of gatewayProblems) {
      this.restApi.addGatewayResponse(`Problem${type.responseType}`, {
        type,
        ...(status ? { statusCode: String(status) } : {}),
        responseHeaders: { 'Content-Type': "'application/problem+json'" },
        // $context.error.messageString is a quoted JSON string already.
        templates: {
          'application/json': `{"type":"https://closeloop.dev/problems/gateway-${status ?? '$context.error.responseType'}","title":$context.error.messageString,${status ? `"status":${status},` : ''}"detail":$context.error.messageString}`,
        },
      });
    }

    // No route requires an API key, and the customer routes cannot: customers
    // file complaints and answer surveys from a browser without an account, and
    // a key shipped to every browser is public, not a credential (API Gateway
    // documents API keys for metering, not for authorization). A usage plan only
    // throttles methods that require a key, so today the stage and method
    // throttles above hold every caller; the plan is attached so that a route
    // added for an integration with `apiKeyRequired` is capped per key at the
    // anonymous-route limits from the start, and no one key can take the stage
    // budget from customers.
    this.usagePlan = this.restApi.addUsagePlan('UsagePlan', {
      description:
        'closeloop: per-key limits for API keys issued to integrations; keyless callers get the stage and route limits',
      throttle: { rateLimit: publicRouteThrottle.rateLimit, burstLimit: publicRouteThrottle.burstLimit },
      apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
    });

    // Bodies are validated by the handlers' zod schemas (the API contract, also
    // enforced by the local HTTP front); the gateway checks what it can check
    // the same way everywhere: the declared path parameters.
    const validator = this.restApi.addRequestValidator('PathParameters', {
      validateRequestParameters: true,
      validateRequestBody: false,
    });

    const staffAuthorizer = new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [props.staffUserPool],
    });

    for (const route of props.routes) {
      const method = this.restApi.root
        .resourceForPath(route.path)
        .addMethod(route.method, new LambdaIntegration(props.functionFor(route), { allowTestInvoke: false }), {
          operationName: route.functionName,
          requestValidator: validator,
          requestParameters: Object.fromEntries(
            pathParameters(route.path).map((name) => [`method.request.path.${name}`, true]),
          ),
          ...(route.access === 'staff'
            ? { authorizer: staffAuthorizer, authorizationType: AuthorizationType.COGNITO }
            : { authorizationType: AuthorizationType.NONE }),
        });
      if (route.access !== 'staff') acknowledgeOpenRoute(method, route);
    }

    Validations.of(this.restApi).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'The gateway validates the declared path parameters (the PathParameters validator); bodies are validated by the zod schemas in the handlers, the one API contract that the local HTTP front enforces too. Body validation at the gateway would need API Gateway models, a second copy of that contract that could drift (a no-op validateRequestBody without models would only silence this rule).',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: `No WAF web ACL yet: stage throttling (${stageThrottle.rateLimit} rps, burst ${stageThrottle.burstLimit}) and tighter limits on the anonymous routes (${publicRouteThrottle.rateLimit} rps, burst ${publicRouteThrottle.burstLimit}) bound abuse; a WAFv2 web ACL with a per-IP rate-based rule is a per-account cost decision for production.`,
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The account-level API Gateway CloudWatch role that access and execution logging require; AWS maintains this managed policy for exactly that role.',
      },
    );
  }

  get url(): string {
    return this.restApi.url;
  }

  /**
   * The stage's URL built from the RestApi's id alone, not from its Stage or
   * Deployment: those depend on every method and so on every function behind
   * the API, and a function that needs the URL (links in emails) would close
   * a cycle. The RestApi resource depends on no function.
   */
  get baseUrlWithoutDeploymentDependency(): string {
    const stack = Stack.of(this);
    return `https://${this.restApi.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${this.stageName}`;
  }
}

/** Gateway answers a client can meet; the statuses are API Gateway's own defaults for each. */
const gatewayProblems: readonly [ResponseType, number | undefined][] = [
  [ResponseType.UNAUTHORIZED, 401],
  [ResponseType.ACCESS_DENIED, 403],
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, 404],
  [ResponseType.REQUEST_TOO_LARGE, 413],
  [ResponseType.THROTTLED, 429],
  [ResponseType.BAD_REQUEST_PARAMETERS, 400],
  [ResponseType.DEFAULT_4XX, undefined],
  [ResponseType.DEFAULT_5XX, undefined],
];

function acknowledgeOpenRoute(method: Method, route: RouteDeclaration): void {
  const why =
    route.access === 'public'
      ? `${route.method} ${route.path} is public by design: customers ${route.summary.toLowerCase()} without an account.`
      : `${route.method} ${route.path} is for the complaint's customer, who has no account: the handler requires the case access token (Authorization: Bearer) and answers 404 to a wrong one.`;
  Validations.of(method).acknowledge(
    { id: 'AwsSolutions-APIG4', reason: why },
    { id: 'AwsSolutions-COG4', reason: why },
  );
}
