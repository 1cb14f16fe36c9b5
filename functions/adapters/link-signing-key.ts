import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { env } from './config.ts';
import { sdkClient } from './sdk-clients.ts';

const secrets = sdkClient(new SecretsManagerClient({}));

/** A warm function signs and verifies many links; the key changes only by a deliberate rotation. */
const cacheMs = 5 * 60 * 1000;
let cached: { key: Uint8Array; loadedAt: number } | undefined;

const minimumKeyBytes = 32;

function asKey(text: string, source: string): Uint8Array {
  const key = new TextEncoder().encode(text.trim());
  if (key.length < minimumKeyBytes) {
    throw new Error(`Configuration error: the link-signing key from ${source} is shorter than ${minimumKeyBytes} bytes`);
  }
  return key;
}

/**
 * The HMAC key for survey and confirmation links: from Secrets Manager on
 * AWS, from a file in the data directory locally. Never from code or an
 * environment variable's value, so it never shows in a template or a log.
 */
export async function linkSigningKey(): Promise<Uint8Array> {
  if (cached && Date.now() - cached.loadedAt < cacheMs) return cached.key;
  const secretArn = process.env[env.linkSigningSecretArn];
  const keyFile = process.env[env.linkSigningKeyFile];
  let key: Uint8Array;
  // Only the local runtime sets a key file; a deployed function has only the secret.
  if (keyFile) {
    key = asKey(await readFile(keyFile, 'utf8'), keyFile);
  } else if (secretArn) {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error('Configuration error: the link-signing secret has no string value');
    key = asKey(SecretString, 'Secrets Manager');
  } else {
    throw new Error(
      `Configuration error: neither ${env.linkSigningSecretArn} nor ${env.linkSigningKeyFile} is set; links cannot be signed`,
    );
  }
  cached = { key, loadedAt: Date.now() };
  return key;
}

/** Tests switch keys between cases. */
export function forgetLinkSigningKey(): void {
  cached = undefined;
}
