import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/declarations/routes.ts';
import { webContentSecurityPolicy } from '../../functions/declarations/web-security-headers.ts';
import { addClosedLoopStacks } from '../../lib/closed-loop-app.ts';
import { apiPathPatterns } from '../../lib/desk-website.ts';
import { projectFile } from '../../lib/project-paths.ts';
import { logicalIdOf, synthClosedLoop, webAppFixture } from './synth-closed-loop.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const closedLoop = synthClosedLoop();
const { statelessTemplate: template, stateless, app } = closedLoop;
const { website, staff, api } = stateless;

const resourcesOf = (type: string): Record<string, Json> => template.findResources(type);
const only = (type: string): Json => {
  const all = Object.values(resourcesOf(type));
  expect(all, type).toHaveLength(1);
  return all[0]!;
};
const distributionConfig = (): Json => only('AWS::CloudFront::Distribution').Properties.DistributionConfig;
const originNamed = (id: string): Json =>
  (distributionConfig().Origins as Json[]).find((origin) => origin.Id === id)!;
const distributionDomain = { 'Fn::GetAtt': [logicalIdOf(website.distribution), 'DomainName'] };
const onDistribution = (path: string) => ({ 'Fn::Join': ['', ['https://', distributionDomain, path]] });

/** A BucketDeployment's custom resource, a child below the construct. */
const deploymentResourceId = (construct: typeof website.pagesDeployment): string =>
  logicalIdOf(
    construct.node
      .findAll()
      .find((child) => CfnResource.isCfnResource(child) && child.cfnResourceType === 'Custom::CDKBucketDeployment')!,
  );
const deploymentOf = (construct: typeof website.pagesDeployment): Json =>
  resourcesOf('Custom::CDKBucketDeployment')[deploymentResourceId(construct)]!.Properties;
const assetDirectory = (objectKey: string) => join(app.outdir, `asset.${objectKey.replace(/\.zip$/, '')}`);

describe('Construct: DeskWebsite', () => {
  describe('the web app bucket', () => {
    const bucketId = logicalIdOf(website.bucket);

    it('blocks all public access, encrypts with S3-managed keys, logs access and hosts no website', () => {
      const bucket = resourcesOf('AWS::S3::Bucket')[bucketId]!.Properties;
      expect(bucket).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(website.logBucket) } },
      });
      expect(bucket).not.toHaveProperty('WebsiteConfiguration');
    });

    it('lets only this distribution read it (Origin Access Control), and refuses plain HTTP', () => {
      const policy = Object.values(resourcesOf('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === bucketId)!;
      const statements = policy.Properties.PolicyDocument.Statement as Json[];
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const reads = statements.filter((s) => s.Effect === 'Allow');
      expect(reads).toEqual([
        expect.objectContaining({
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: {
            StringEquals: {
              'AWS:SourceArn': {
                'Fn::Join': ['', expect.arrayContaining([{ Ref: logicalIdOf(website.distribution) }])],
              },
            },
          },
        }),
      ]);
    });
  });

  it('reads the bucket through an Origin Access Control that signs every request', () => {
    const oac = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const defaultBehavior = distributionConfig().DefaultCacheBehavior as Json;
    expect(originNamed(defaultBehavior.TargetOriginId as string)).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalIdOf(website.bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  describe('the behaviors', () => {
    it('derives the API paths from the route table', () => {
      expect(apiPathPatterns(routes)).toEqual(['/complaints', '/complaints/*', '/staff/*', '/surveys/*']);
      expect(() => apiPathPatterns([{ path: '/desk/x' }])).toThrow(/hidden by the web app/);
      expect(() => apiPathPatterns([{ path: '/{id}' }])).toThrow(/no fixed first segment/);
    });

    it('forwards every API path, all methods, uncached, to the stage on the execute-api host over HTTPS', () => {
      const behaviors = distributionConfig().CacheBehaviors as Json[];
      expect(behaviors.map((b) => b.PathPattern)).toEqual(apiPathPatterns(routes));
      for (const behavior of behaviors) {
        expect(behavior, behavior.PathPattern).toMatchObject({
          AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
          CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
          OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: { Ref: logicalIdOf(website.apiHeaders) },
        });
        expect(originNamed(behavior.TargetOriginId as string)).toEqual({
          Id: behavior.TargetOriginId,
          DomainName: {
            'Fn::Join': [
              '',
              [{ Ref: logicalIdOf(api.restApi) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
            ],
          },
          OriginPath: '/dev',
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        });
      }
    });

    it('serves everything else from the bucket, cached, GET and HEAD only, through the routing function', () => {
      expect(distributionConfig().DefaultCacheBehavior).toMatchObject({
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: logicalIdOf(website.webHeaders) },
        FunctionAssociations: [
          { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalIdOf(website.routing), 'FunctionARN'] } },
        ],
      });
    });

    it('writes no CloudFront standard logs, which would hold the tokens in paths and query strings', () => {
      expect(distributionConfig()).not.toHaveProperty('Logging');
    });
  });

  it('runs the routing function from lib/web-routing-function.js on cloudfront-js-2.0', () => {
    const fn = only('AWS::CloudFront::Function').Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(readFileSync(projectFile('lib/web-routing-function.js'), 'utf8'));
    expect(fn.AutoPublish).toBe(true);
  });

  describe('the response headers policies', () => {
    const policies = [
      { name: 'web app', policy: () => website.webHeaders, overridesOriginCsp: true },
      { name: 'API', policy: () => website.apiHeaders, overridesOriginCsp: false },
    ];
    const securityHeaders = (policy: typeof website.webHeaders): Json =>
      resourcesOf('AWS::CloudFront::ResponseHeadersPolicy')[logicalIdOf(policy)]!.Properties.ResponseHeadersPolicyConfig
        .SecurityHeadersConfig;
    const cspText = (policy: typeof website.webHeaders): string => {
      const csp = securityHeaders(policy).ContentSecurityPolicy.ContentSecurityPolicy as Json;
      return (csp['Fn::Join'][1] as (string | Json)[]).map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part)}>`)).join('');
    };

    it.each(policies)('the $name policy sends the CSP text of functions/declarations/web-security-headers.ts', ({ policy }) => {
      expect(securityHeaders(policy()).ContentSecurityPolicy.ContentSecurityPolicy).toEqual(
        Stack.of(website).resolve(webContentSecurityPolicy({ connectSources: website.connectSources })),
      );
    });

    it.each(policies)(
      "the $name policy's CSP has no unsafe-inline or unsafe-eval, frames nowhere, and reaches only the Cognito issuer and managed login",
      ({ policy }) => {
        const text = cspText(policy());
        expect(text).not.toMatch(/unsafe-/);
        expect(text).toContain("frame-ancestors 'none'");
        expect(text).toContain("script-src 'self';");
        const connect = text.split('; ').find((d) => d.startsWith('connect-src'))!;
        expect(connect).toBe(
          `connect-src 'self' https://cognito-idp.<{"Ref":"AWS::Region"}>.<{"Ref":"AWS::URLSuffix"}> https://<{"Ref":"${logicalIdOf(staff.domain)}"}>.auth.<{"Ref":"AWS::Region"}>.amazoncognito.com`,
        );
      },
    );

    it.each(policies)('the $name policy sets HSTS (2 years, subdomains, preload), DENY framing, no-referrer and nosniff', ({ policy, overridesOriginCsp }) => {
      expect(securityHeaders(policy())).toMatchObject({
        ContentSecurityPolicy: { Override: overridesOriginCsp },
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Preload: true, Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        ContentTypeOptions: { Override: true },
      });
    });
  });

  describe('Cognito managed login for the desk console', () => {
    const webClientId = logicalIdOf(website.webClient);
    const webClient = () => resourcesOf('AWS::Cognito::UserPoolClient')[webClientId]!.Properties;
    const srpClient = () => resourcesOf('AWS::Cognito::UserPoolClient')[logicalIdOf(staff.client)]!.Properties;

    it('gives the user pool a managed login (version 2) domain whose prefix is the stack name and its stack id suffix', () => {
      expect(only('AWS::Cognito::UserPoolDomain').Properties).toEqual({
        UserPoolId: { Ref: logicalIdOf(staff.userPool) },
        ManagedLoginVersion: 2,
        Domain: {
          'Fn::Join': [
            '',
            [
              'closedloopstateless-',
              { 'Fn::Select': [4, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] },
            ],
          ],
        },
      });
    });

    it('is a public client with the authorization code grant only, returning to the distribution', () => {
      expect(webClient()).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [onDistribution('/desk/callback')],
        LogoutURLs: [onDistribution('/desk/')],
        SupportedIdentityProviders: ['COGNITO'],
        // No password or SRP sign-in through this public client: only the managed login.
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
    });

    it('keeps the SRP client for programs as it was: no OAuth', () => {
      expect(srpClient()).toMatchObject({ AllowedOAuthFlowsUserPoolClient: false, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    });

    it('has the same sessions, revocation, existence errors and attributes as the SRP client', () => {
      const shared = [
        'IdTokenValidity',
        'AccessTokenValidity',
        'RefreshTokenValidity',
        'TokenValidityUnits',
        'EnableTokenRevocation',
        'PreventUserExistenceErrors',
        'ReadAttributes',
        'WriteAttributes',
      ];
      const pick = (props: Json) => Object.fromEntries(shared.map((key) => [key, props[key]]));
      expect(pick(webClient())).toEqual(pick(srpClient()));
      expect(webClient()).toMatchObject({ EnableTokenRevocation: true, PreventUserExistenceErrors: 'ENABLED', WriteAttributes: ['email'] });
      expect(webClient().ReadAttributes).toContain('custom:team');
    });

    it("styles the client's managed login page with Cognito's values, after the domain exists", () => {
      const branding = only('AWS::Cognito::ManagedLoginBranding');
      expect(branding.Properties).toEqual({
        UserPoolId: { Ref: logicalIdOf(staff.userPool) },
        ClientId: { Ref: webClientId },
        UseCognitoProvidedValues: true,
      });
      expect(branding.DependsOn).toContain(logicalIdOf(staff.domain));
    });
  });

  describe('the deployment of the built app', () => {
    it('deploys config.json naming the issuer, the web client, the managed login domain and the desk paths', () => {
      const pages = deploymentOf(website.pagesDeployment);
      const configKey = (pages.SourceObjectKeys as string[])[1]!;
      const text = readFileSync(join(assetDirectory(configKey), 'config.json'), 'utf8');
      const markers = (pages.SourceMarkers as Json[])[1]!;
      const resolved = Object.entries(markers).reduce(
        (json, [marker, value]) => json.replaceAll(marker, `<${JSON.stringify(value).replaceAll('"', "'")}>`),
        text,
      );
      expect(JSON.parse(resolved)).toEqual({
        auth: {
          kind: 'cognito',
          authority: `<{'Fn::GetAtt':['${logicalIdOf(staff.userPool)}','ProviderURL']}>`,
          clientId: `<{'Ref':'${logicalIdOf(website.webClient)}'}>`,
          domain: `https://<{'Ref':'${logicalIdOf(staff.domain)}'}>.auth.<{'Ref':'AWS::Region'}>.amazoncognito.com`,
          redirectPath: '/desk/callback',
          logoutPath: '/desk/',
        },
      });
      expect(pages.SourceMarkersConfig).toEqual([{}, { jsonEscape: true }]);
    });

    it('uploads the pages (not the assets) revalidated on every load, prunes, then invalidates /* on the distribution', () => {
      const pages = deploymentOf(website.pagesDeployment);
      expect(pages).toMatchObject({
        DestinationBucketName: { Ref: logicalIdOf(website.bucket) },
        Prune: true,
        Exclude: ['assets/*'],
        SystemMetadata: { 'cache-control': 'no-cache' },
        DistributionId: { Ref: logicalIdOf(website.distribution) },
        DistributionPaths: ['/*'],
      });
      expect(pages).not.toHaveProperty('DestinationBucketKeyPrefix');
      const pagesAsset = assetDirectory((pages.SourceObjectKeys as string[])[0]!);
      expect(readdirSync(pagesAsset).sort()).toEqual(['desk', 'portal']);
    });

    it('uploads the hashed assets under assets/, cached for a year as immutable, before the pages that name them', () => {
      const assets = deploymentOf(website.assetsDeployment);
      expect(assets).toMatchObject({
        DestinationBucketName: { Ref: logicalIdOf(website.bucket) },
        DestinationBucketKeyPrefix: 'assets/',
        Prune: true,
        SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      });
      expect(readdirSync(assetDirectory((assets.SourceObjectKeys as string[])[0]!)).sort()).toEqual(
        readdirSync(join(webAppFixture, 'assets')).sort(),
      );
      const pagesResource = resourcesOf('Custom::CDKBucketDeployment')[deploymentResourceId(website.pagesDeployment)]!;
      expect(pagesResource.DependsOn).toContain(deploymentResourceId(website.assetsDeployment));
    });

    it('fails the synth with the command to run when the web app is not built', () => {
      const missing = join(webAppFixture, 'not-built');
      expect(existsSync(missing)).toBe(false);
      const bare = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      expect(() => addClosedLoopStacks(bare, { webAppDirectory: missing })).toThrow(
        /web app is not built.*desk\/index\.html, portal\/index\.html, assets.*npm run build:web/,
      );
    });
  });

  it('outputs the website, desk and portal URLs, and keeps the API URL', () => {
    const outputs = template.toJSON().Outputs as Json;
    expect(outputs.WebsiteUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', distributionDomain]] });
    expect(outputs.DeskUrl.Value).toEqual(onDistribution('/desk/'));
    expect(outputs.PortalUrl.Value).toEqual(onDistribution('/portal/'));
    expect(outputs.WebConsoleClientId.Value).toEqual({ Ref: logicalIdOf(website.webClient) });
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'StateMachineArn']));
  });
});
