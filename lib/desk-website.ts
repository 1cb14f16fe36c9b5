import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, IgnoreMode, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { RouteDeclaration } from '../functions/declarations/routes.ts';
import {
  deskSignInPaths,
  type WebRuntimeConfig,
  webRuntimeConfigKey,
} from '../functions/declarations/web-runtime-config.ts';
import { hstsMaxAgeSeconds, webContentSecurityPolicy } from '../functions/declarations/web-security-headers.ts';
import type { ComplaintApi } from './complaint-api.ts';
import { projectFile } from './project-paths.ts';
import type { StaffDirectory } from './staff-directory.ts';

export interface DeskWebsiteProps {
  /** The built web app: desk/index.html, portal/index.html and assets/ (web/dist after `npm run build:web`). */
  webAppDirectory: string;
  api: ComplaintApi;
  /** functions/declarations/routes.ts: their first path segments are forwarded to the API. */
  routes: readonly RouteDeclaration[];
  /** Its managed login signs staff in to the desk console; the console's client is created here. */
  staff: StaffDirectory;
  /** Encrypts the deployment handler's log group, like every other log group of the stack. */
  logKey: IKey;
}

/** Top-level paths the web app itself serves from the bucket: no API route may start with one. */
const webAppPrefixes = ['desk', 'portal', 'assets', webRuntimeConfigKey];

/**
 * The CloudFront path patterns that reach the API, from the route table, so a
 * new route is forwarded without touching this file: `/complaints` for a
 * route on the segment itself, `/complaints/*` for routes below it.
 */
export function apiPathPatterns(routes: readonly Pick<RouteDeclaration, 'path'>[]): string[] {
  const patterns = new Set<string>();
  for (const { path } of routes) {
    const [, segment, ...rest] = path.split('/');
    if (!segment || segment.startsWith('{')) throw new Error(`Route ${path} has no fixed first segment to forward by`);
    if (webAppPrefixes.includes(segment)) throw new Error(`Route ${path} would be hidden by the web app's /${segment}`);
    patterns.add(rest.length === 0 ? `/${segment}` : `/${segment}/*`);
  }
  return [...patterns].sort();
}

/** The files a Vite build must have left, or the deployment would serve a broken app. */
const requiredWebFiles = ['desk/index.html', 'portal/index.html', 'assets'];

function checkWebAppDirectory(directory: string): void {
  const missing = requiredWebFiles.filter((file) => !existsSync(join(directory, file)));
  if (missing.length > 0) {
    throw new Error(
      `The web app is not built: ${directory} lacks ${missing.join(', ')}. Run \`npm run build:web\` before \`cdk synth\` or \`cdk deploy\`.`,
    );
  }
}

/**
 * The desk console (staff, /desk/) and the customer portal (/portal/) on one
 * CloudFront origin with the complaint API: a private bucket read only
 * through Origin Access Control, API paths forwarded to API Gateway uncached,
 * the same security headers on every answer, and managed-login sign-in for
 * the desk whose callback is on this origin. Sharing the origin means no CORS
 * and cookies or tokens never cross sites.
 */
export class DeskWebsite extends Construct {
  readonly bucket: Bucket;
  /** The web app bucket's server access logs (CloudFront's are off: see CFR3). */
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly routing: EdgeFunction;
  /** On the bucket's answers: our policy replaces whatever the origin sent. */
  readonly webHeaders: ResponseHeadersPolicy;
  /** On the API's answers: the same policy, but a page that sends its own CSP keeps it. */
  readonly apiHeaders: ResponseHeadersPolicy;
  readonly webClient: UserPoolClient;
  /** Origins besides 'self' in connect-src: the Cognito issuer and the managed login domain. */
  readonly connectSources: readonly string[];
  /** Hashed files, cached for a year. */
  readonly assetsDeployment: BucketDeployment;
  /** Pages and config.json, revalidated on every load, then the CDN invalidated. */
  readonly pagesDeployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: DeskWebsiteProps) {
    super(scope, id);
    checkWebAppDirectory(props.webAppDirectory);
    const stack = Stack.of(this);

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // S3 delivers server access logs under the bucket policy CDK writes; no ACLs needed.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // As long as the API's access logs.
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.bucket = new Bucket(this, 'WebApp', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/web-app/',
    });

    this.routing = new EdgeFunction(this, 'SpaRouting', {
      code: FunctionCode.fromFile({ filePath: projectFile('lib/web-routing-function.js') }),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'closeloop: /desk/* and /portal/* deep links to their index.html; / to the portal',
    });

    this.connectSources = [props.staff.issuerOrigin, props.staff.managedLoginOrigin];
    const headersPolicy = (name: string, overrideOriginCsp: boolean, comment: string) =>
      new ResponseHeadersPolicy(this, name, {
        // Policy names are global to the account: the region keeps two deployments apart.
        responseHeadersPolicyName: `${Names.uniqueResourceName(this, { maxLength: 60 })}-${name}-${stack.region}`,
        comment,
        securityHeadersBehavior: {
          contentSecurityPolicy: {
            contentSecurityPolicy: webContentSecurityPolicy({ connectSources: this.connectSources }),
            override: overrideOriginCsp,
          },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(hstsMaxAgeSeconds),
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          contentTypeOptions: { override: true },
        },
      });
    this.webHeaders = headersPolicy('Web', true, 'closeloop web app: CSP without unsafe-inline, HSTS, no framing, no referrer');
    // The pages behind customer email links (functions/handlers/http/html.ts)
    // carry a CSP allowing their one inline script and style by hash; the web
    // app's policy would block them. JSON answers send none and get ours.
    this.apiHeaders = headersPolicy('Api', false, "closeloop API: the web app's headers, an origin CSP kept");

    const stage = props.api.stageName;
    // Built from the RestApi id, not RestApiOrigin(api): that reads the stage's
    // URL, which depends on every function, and the functions read this
    // distribution's domain for their email links.
    const apiOrigin = new HttpOrigin(`${props.api.restApi.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      originPath: `/${stage}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior: BehaviorOptions = {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Answers are per case, per token, per signed-in agent.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway answers only for its own Host; everything else (Authorization, query) goes through.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.apiHeaders,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'closeloop: desk console, customer portal and complaint API on one origin',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.webHeaders,
        functionAssociations: [{ function: this.routing, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.routes).map((pattern) => [pattern, apiBehavior])),
    });
    this.acknowledgeDistributionFindings(props.api);

    this.webClient = props.staff.addWebConsoleClient({ origin: this.url, ...deskSignInPaths });

    const config: WebRuntimeConfig = {
      auth: {
        kind: 'cognito',
        authority: props.staff.userPool.userPoolProviderUrl,
        clientId: this.webClient.userPoolClientId,
        domain: props.staff.managedLoginOrigin,
        ...deskSignInPaths,
      },
    };

    // One handler serves both deployments (a singleton per stack): one log group.
    const deploymentLogs = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.assetsDeployment = new BucketDeployment(this, 'DeployAssets', {
      logGroup: deploymentLogs,
      sources: [Source.asset(join(props.webAppDirectory, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      prune: true,
      // Vite names each file by its content hash: a changed file has a new name.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    this.pagesDeployment = new BucketDeployment(this, 'DeployPages', {
      logGroup: deploymentLogs,
      sources: [Source.asset(props.webAppDirectory, { exclude: ['/assets/'], ignoreMode: IgnoreMode.GIT }), Source.jsonData(webRuntimeConfigKey, config)],
      destinationBucket: this.bucket,
      // Also keeps the prune of this deployment away from the assets the other one owns.
      exclude: ['assets/*'],
      prune: true,
      // index.html names the current assets and config.json the current client: a browser asks again each time.
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // The pages name assets by hash: those must be there first.
    this.pagesDeployment.node.addDependency(this.assetsDeployment);
    this.acknowledgeDeploymentHandler(this.pagesDeployment.handlerRole);
  }

  /** `https://<distribution domain>`, no trailing slash. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private acknowledgeDistributionFindings(api: ComplaintApi): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: customers file complaints and open survey links from wherever they are, and staff work remotely; refusing a country would refuse customers a statutory complaint channel.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: `No WAF web ACL yet, as on the API (AwsSolutions-APIG3 at ${api.restApi.node.path}): a CloudFront web ACL must live in us-east-1, a separate stack for this region-agnostic app, and the API behind it already throttles every route and the anonymous ones tighter; a per-IP rate-based rule is a per-account cost decision for production.`,
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "No CloudFront standard logs: they record every request's full path and query string, and ours carry survey tokens (/surveys/{token}), signed link tokens (?token=) and case ids, which the API's access logs leave out on purpose (they log the resource path only). Field-selected logging (standard logging v2) needs its delivery resources in us-east-1, a separate stack for this region-agnostic app. The API's access logs and the bucket's server access logs cover both origins; CloudFront's request and error-rate metrics stay on.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, with which CloudFront fixes the minimum viewer protocol at TLSv1 and does not accept a security policy; a custom domain with an ACM certificate (TLSv1.2_2021) is a per-deployment choice.',
      },
    );
  }

  /**
   * BucketDeployment's handler is one Lambda function per stack, shared by
   * both deployments, that aws-cdk-lib builds with its role and grants; what
   * it runs is aws-cdk-lib's code, not ours.
   */
  private acknowledgeDeploymentHandler(role: IRole): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error("No BucketDeployment handler found in the stack: aws-cdk-lib's singleton id changed");
    const syncs =
      "BucketDeployment's handler runs `aws s3 sync` from the CDK asset bucket to the web app bucket, pruning, so it works on object keys it cannot know at synth:";
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "The role aws-cdk-lib creates for BucketDeployment's handler: the AWS-managed basic execution policy only lets the function write its own CloudWatch logs.",
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${syncs} aws-cdk-lib's read grant (${action}), limited to the two buckets, lets it list and read the deployment zips and compare with what the web app bucket holds.`,
      })),
      ...['s3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${syncs} aws-cdk-lib's write grant (${action}) on the web app bucket only, which the sync needs to prune files the new build no longer has and to abort a failed multipart upload.`,
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: `${syncs} it reads the deployment zips, whose keys are content hashes, from the CDK bootstrap asset bucket, read-only.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: `${syncs} every object of the web app bucket, which holds nothing but the built app and config.json.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          "aws-cdk-lib grants cloudfront:CreateInvalidation and cloudfront:GetInvalidation on \"*\" to BucketDeployment's handler, not on the distribution; the handler only invalidates the distribution and paths given in the deployment's properties, and this role is used by nothing else.",
      },
    );
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          "BucketDeployment's handler: aws-cdk-lib chooses its Python runtime together with the AWS CLI layer it bundles and tests them as a pair; it moves to a newer runtime with aws-cdk-lib upgrades, overriding it could break the CLI.",
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          "BucketDeployment's handler: aws-cdk-lib chooses its Python runtime together with the AWS CLI layer it bundles and tests them as a pair; it moves to a newer runtime with aws-cdk-lib upgrades, overriding it could break the CLI.",
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked only by CloudFormation as a custom resource provider: CloudFormation waits for its answer and fails and rolls back the deployment when the function fails or does not answer, so a failure is seen in the deployment; a dead-letter queue would only hold a copy of a request nobody can replay.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'Runs only during a deployment, to copy the built web app to its bucket: no request of a customer or agent passes through it; its log group and the CloudFormation events show each run.',
      },
    );
  }
}
