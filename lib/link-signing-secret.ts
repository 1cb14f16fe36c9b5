import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The HMAC key that signs the expiring tokens in survey and confirmation
 * links. Stateful: replacing it invalidates every link already mailed, so it
 * is kept when a stack is deleted, like the table. Functions declaring the
 * `signLinks` capability may read it, nothing may change it.
 */
export class LinkSigningSecret extends Construct {
  readonly secret: Secret;
  readonly encryptionKey: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.encryptionKey = new Key(this, 'Key', {
      description: 'closeloop: encrypts the link-signing secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.secret = new Secret(this, 'Secret', {
      description: 'closeloop: HMAC key that signs and verifies survey and confirmation links',
      encryptionKey: this.encryptionKey,
      // 64 characters of [A-Za-z0-9] carry about 381 bits, above the 256 of HMAC-SHA-256's output.
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation yet: survey and confirmation links carry tokens signed with this key that stay valid for up to 30 days, and verification checks one key only, so a rotation would invalidate every link still outstanding. Dual-key verification (sign with the current key, also accept the previous one for the longest link lifetime) is the planned path; rotation can be scheduled once it ships.',
    });
  }
}
