import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolClientOptions,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StaffGroup } from '../functions/declarations/routes.ts';

/** Lower precedence wins when a user is in both groups. */
const groups: Record<StaffGroup, { precedence: number; description: string }> = {
  supervisors: { precedence: 0, description: 'Supervisors: read every case with its full timeline' },
  agents: { precedence: 1, description: 'Agents: claim, answer and resolve complaints' },
};

/** What both staff clients share: the same sessions, the same attributes, the same refusals. */
const staffClientDefaults = {
  generateSecret: false,
  preventUserExistenceErrors: true,
  idTokenValidity: Duration.hours(1),
  accessTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.hours(12),
  enableTokenRevocation: true,
  // A user could otherwise write custom:team on their own account and act on
  // another team's cases: only administrators (AdminUpdateUserAttributes) set it.
  readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('team'),
  writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
} as const satisfies UserPoolClientOptions;

/** Where the desk console's sign-in returns, on the web app's origin. */
export interface WebConsoleSignIn {
  /** `https://<host>`, no trailing slash. */
  origin: string;
  /** Path of the page that exchanges the authorization code. */
  redirectPath: string;
  /** Path the managed login sends the browser to after sign-out. */
  logoutPath: string;
}

/**
 * The Cognito prefix domain is global per region and account: the stack's
 * name alone would collide between two accounts deploying the same app. The
 * last group of the stack id's UUID is fixed for the stack's life and unique;
 * the account and region are deploy-time values in an environment-agnostic
 * stack, so they cannot be hashed at synth. Cognito rejects prefixes holding
 * "aws", "amazon" or "cognito".
 */
function managedLoginDomainPrefix(stack: Stack): string {
  const name = stack.stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const stackUuid = Fn.select(2, Fn.split('/', stack.stackId));
  return `${name || 'closeloop'}-${Fn.select(4, Fn.split('-', stackUuid))}`;
}

/**
 * The complaint desk's staff accounts. Staff read customers' personal data,
 * so the pool is invitation-only, requires TOTP MFA and a strong password, and
 * runs on the Plus plan with threat protection enforcing (compromised
 * credentials and risky sign-ins are blocked, not just logged).
 * Handlers check the `cognito:groups` claim against each route's groups.
 */
export class StaffDirectory extends Construct {
  readonly userPool: UserPool;
  /** SRP sign-in for programs (the CLI, tests): no OAuth. */
  readonly client: UserPoolClient;
  /** Cognito managed login (version 2) for the desk console. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Members of a team may act on each other's cases (custom:team in the ID token).
      customAttributes: { team: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // Staff accounts are state: a stack replacement must not delete them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, group] of Object.entries(groups)) {
      this.userPool.addGroup(`${groupName[0]!.toUpperCase()}${groupName.slice(1)}`, { groupName, ...group });
    }

    this.client = this.userPool.addClient('StaffConsole', {
      ...staffClientDefaults,
      authFlows: { userSrp: true },
      disableOAuth: true,
    });

    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: managedLoginDomainPrefix(Stack.of(this)) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
  }

  /** `https://cognito-idp.<region>.amazonaws.com`: the issuer's origin, where the browser reads discovery and keys. */
  get issuerOrigin(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
  }

  /** The managed login's origin, which serves /oauth2/authorize, /oauth2/token and /logout. */
  get managedLoginOrigin(): string {
    return this.domain.baseUrl();
  }

  /**
   * The desk console's client: a public client (the browser cannot keep a
   * secret) signing in through the managed login with the authorization code
   * grant; the browser's OIDC library adds PKCE. No implicit grant: it would
   * hand tokens over in the URL.
   */
  addWebConsoleClient(signIn: WebConsoleSignIn): UserPoolClient {
    const client = this.userPool.addClient('DeskWebConsole', {
      ...staffClientDefaults,
      // Only refreshing: staff sign in on the managed login page, never by
      // handing a password or SRP exchange to this public client.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${signIn.origin}${signIn.redirectPath}`],
        logoutUrls: [`${signIn.origin}${signIn.logoutPath}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    // Managed login version 2 shows a client's page only once it has a style.
    const branding = new CfnManagedLoginBranding(this, 'DeskWebConsoleBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);
    return client;
  }
}
