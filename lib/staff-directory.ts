import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StaffGroup } from '../functions/declarations/routes.ts';

/** Lower precedence wins when a user is in both groups. */
const groups: Record<StaffGroup, { precedence: number; description: string }> = {
  supervisors: { precedence: 0, description: 'Supervisors: read every case with its full timeline' },
  agents: { precedence: 1, description: 'Agents: claim, answer and resolve complaints' },
};

/**
 * The complaint desk's staff accounts. Staff read customers' personal data,
 * so the pool is invitation-only, requires TOTP MFA and a strong password, and
 * runs on the Plus plan with threat protection enforcing (compromised
 * credentials and risky sign-ins are blocked, not just logged).
 * Handlers check the `cognito:groups` claim against each route's groups.
 */
export class StaffDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

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
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      disableOAuth: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      // A user could otherwise write custom:team on their own account and act on
      // another team's cases: only administrators (AdminUpdateUserAttributes) set it.
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('team'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
