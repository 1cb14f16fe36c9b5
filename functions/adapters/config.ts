import * as z from 'zod';
import { env } from '#declarations/capabilities.ts';
import { isTimeZone } from '#domain/time-zone.ts';

export type EnvName = (typeof env)[keyof typeof env];

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const text = z.string().trim().min(1, { error: 'is empty' });
const arnOf = (service: string, example: string) =>
  text.regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]*:\\d*:\\S+$`), { error: `is not an ARN such as ${example}` });

/**
 * What each variable must hold. CDK (lib/complaint-function.ts) and the local
 * runtime (local/runtime.ts) set them; a function reads only those of its
 * capabilities, and there is no default: a desk's time zone or a table name
 * guessed here would be wrong without a sound.
 */
const settingSchemas = {
  [env.tableName]: text,
  [env.workflowArn]: arnOf('states', 'arn:aws:states:eu-west-1:123456789012:stateMachine:complaint'),
  [env.escalationTopicArn]: arnOf('sns', 'arn:aws:sns:eu-west-1:123456789012:escalations'),
  [env.operationsTopicArn]: arnOf('sns', 'arn:aws:sns:eu-west-1:123456789012:operations'),
  [env.mailFrom]: z.email({ error: 'is not an email address such as complaints@example.com' }),
  [env.publicBaseUrl]: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL such as https://api.example.com/prod' }),
  [env.deskTimeZone]: text.refine(isTimeZone, { error: 'is not an IANA time zone such as Asia/Shanghai' }),
  // Its content is an SLA policy, validated field by field by parseSlaPolicy.
  [env.slaPolicy]: text,
  [env.linkSigningSecretArn]: arnOf('secretsmanager', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:link-AbCdEf'),
  [env.linkSigningKeyFile]: text,
  [env.reportRecipients]: text.refine((list) => list.split(',').every((address) => z.email().safeParse(address.trim()).success), {
    error: 'is not a comma-separated list of email addresses such as ops@example.com,director@example.com',
  }),
} satisfies Record<EnvName, z.ZodType<string>>;

/** Each variable is validated once per value it has: the local runtime and tests may change it between runs. */
const validated = new Map<EnvName, { raw: string; value: string }>();

function validate(name: EnvName, raw: string): string {
  const hit = validated.get(name);
  if (hit?.raw === raw) return hit.value;
  const parsed = settingSchemas[name].safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? 'is invalid';
    throw new ConfigurationError(`Configuration error: environment variable ${name} ${problem}: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  validated.set(name, { raw, value: parsed.data });
  return parsed.data;
}

/** The validated value; fails fast, naming the setting, instead of failing later on an undefined table name. */
export function requireEnv(name: EnvName): string {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    throw new ConfigurationError(`Configuration error: environment variable ${name} is not set`);
  }
  return validate(name, raw);
}

/** The validated value of a setting a function may run without (SLA_POLICY: the built-in policy applies). */
export function optionalEnv(name: EnvName): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? undefined : validate(name, raw);
}

/** The monthly review's recipients, each once; none when the setting is absent. */
export function reportRecipients(): string[] {
  const list = optionalEnv(env.reportRecipients);
  return list === undefined ? [] : [...new Set(list.split(',').map((address) => address.trim().toLowerCase()))];
}

/** The desk's IANA time zone: CDK sets it on every function, the local runtime from `--tz`. */
export function deskTimeZone(): string {
  return requireEnv(env.deskTimeZone);
}

/**
 * At a cold start every setting already present is checked, so a wrong value
 * stops the function before its first request, naming the variable; a missing
 * one fails the first read of it.
 */
export function checkEnvironment(): void {
  for (const name of Object.values(env)) optionalEnv(name);
}

checkEnvironment();

export { env };
