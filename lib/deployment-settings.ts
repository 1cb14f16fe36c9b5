import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node } from 'constructs';
import * as z from 'zod';
import { PolicyConfigurationError, parseSlaPolicy } from '../functions/domain/sla-policy.ts';
import { projectRoot } from './project-paths.ts';
import { isTimeZone } from '../functions/domain/time-zone.ts';

/**
 * Deployment settings, read once from CDK context (`cdk deploy -c key=value`
 * or cdk.json) and validated, so a typo fails the synth with the setting's
 * name instead of producing a stack that breaks at run time.
 *
 * | context key        | default                  | meaning |
 * | ------------------ | ------------------------ | ------- |
 * | `stage`            | `dev`                    | API Gateway stage name and the `stage` tag |
 * | `deskTimeZone`     | `Asia/Shanghai`          | IANA zone of the complaint desk (DESK_TIME_ZONE) |
 * | `mailFrom`         | `complaints@example.com` | SES sender identity created by the stack (MAIL_FROM) |
 * | `escalationEmails` | none                     | escalation subscribers, `level:address` or `address`, comma-separated |
 * | `operationsEmails` | none                     | operations-alert subscribers (workflow failures, the operations alarms), comma-separated |
 * | `reportRecipients` | none                     | who receives the monthly review on each month's first working day, comma-separated (REPORT_RECIPIENTS) |
 * | `slaPolicy`        | none (built-in default)  | SLA policy JSON file, relative to the project root; validated, minified into SLA_POLICY |
 * | `apiRateLimit`     | 50                       | API stage throttle: steady requests per second, all routes together |
 * | `apiBurstLimit`    | 100                      | API stage throttle: burst (token bucket size) |
 * | `publicRateLimit`  | 10                       | each anonymous route (file a complaint, answer a survey): requests per second, at most `apiRateLimit` |
 * | `publicBurstLimit` | 20                       | each anonymous route: burst, at most `apiBurstLimit` |
 */
export interface DeploymentSettings {
  stage: string;
  deskTimeZone: string;
  mailFrom: string;
  escalationSubscribers: EscalationSubscriber[];
  operationsEmails: string[];
  /** The monthly review's recipients, each once, lower-cased. */
  reportRecipients: string[];
  /** The validated policy file as minified JSON (SLA_POLICY); absent, functions use the built-in default policy. */
  slaPolicy?: string;
  apiThrottle: ApiThrottle;
}

/** API Gateway token-bucket limits: `rateLimit` requests per second, bursts up to `burstLimit`. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface ApiThrottle {
  /** The whole stage, every route together. */
  stage: Throttle;
  /** Each anonymous route on its own: nobody has to sign in to call them, so they get the tighter limit. */
  publicRoutes: Throttle;
}

/**
 * One email subscription to the escalation topic. `level` is the escalation
 * level the address receives (0 warnings and notices for the supervisor queue,
 * 1 supervisor, 2 department manager, 3 director,
 * as in functions/domain/messages.ts); absent, the address receives every level.
 */
export interface EscalationSubscriber {
  email: string;
  level?: number;
}

export const defaultSettings = {
  stage: 'dev',
  deskTimeZone: 'Asia/Shanghai',
  mailFrom: 'complaints@example.com',
  /**
   * Room for one complaint desk's customers and staff, far below API
   * Gateway's default quota of 10,000 rps that every API of the account
   * shares in a region; a busier desk raises them per deployment.
   */
  apiThrottle: {
    stage: { rateLimit: 50, burstLimit: 100 },
    publicRoutes: { rateLimit: 10, burstLimit: 20 },
  },
} as const satisfies Partial<DeploymentSettings>;

/** Context values arrive as strings from `-c`, or as JSON arrays from cdk.json. */
const listOf = (raw: unknown): unknown =>
  raw === undefined || raw === ''
    ? []
    : typeof raw === 'string'
      ? raw
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== '')
      : raw;

const subscriber = z.string().transform((entry, ctx): EscalationSubscriber => {
  const match = /^(?:([0-3]):)?(.+)$/.exec(entry);
  const email = match?.[2] ?? '';
  if (!z.email().safeParse(email).success) {
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not "address" or "level:address"` });
    return { email };
  }
  return match?.[1] === undefined ? { email } : { email, level: Number(match[1]) };
});

/**
 * Lambda allows 4 KB of environment variables per function in all; the rest
 * (ARNs, names, the time zone) needs well under 1 KB.
 */
export const slaPolicyMaxBytes = 3072;

/** The policy file, checked with the same parser the functions run at cold start, as minified JSON. */
const slaPolicyFile = z
  .string()
  .optional()
  .transform((file, ctx): string | undefined => {
    if (file === undefined || file.trim() === '') return undefined;
    let text: string;
    try {
      text = readFileSync(resolve(projectRoot, file), 'utf8');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `cannot read ${file} (relative to the project root): ${(error as Error).message}`,
      });
      return z.NEVER;
    }
    try {
      parseSlaPolicy(text, file);
    } catch (error) {
      if (!(error instanceof PolicyConfigurationError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
    const minified = JSON.stringify(JSON.parse(text));
    const bytes = Buffer.byteLength(minified, 'utf8');
    if (bytes > slaPolicyMaxBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `${file} is ${bytes} bytes minified; SLA_POLICY may take at most ${slaPolicyMaxBytes} of the 4 KB Lambda allows for all environment variables`,
      });
      return z.NEVER;
    }
    return minified;
  });

/** From `-c` a number arrives as a string. Whole numbers, up to API Gateway's default account quota. */
const requestsPerSecond = (fallback: number) =>
  z.coerce.number().int('a whole number').min(1).max(10_000, 'at most 10000, the default account quota').default(fallback);

const settingsSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case letters, digits and hyphens, starting with a letter')
      .default(defaultSettings.stage),
    deskTimeZone: z.string().refine(isTimeZone, 'not an IANA time zone such as Asia/Shanghai').default(defaultSettings.deskTimeZone),
    mailFrom: z.email().default(defaultSettings.mailFrom),
    escalationEmails: z.preprocess(listOf, z.array(subscriber)),
    operationsEmails: z.preprocess(listOf, z.array(z.email())),
    reportRecipients: z.preprocess(
      listOf,
      z.array(z.email()).transform((addresses) => [...new Set(addresses.map((address) => address.toLowerCase()))]),
    ),
    slaPolicy: slaPolicyFile,
    apiRateLimit: requestsPerSecond(defaultSettings.apiThrottle.stage.rateLimit),
    apiBurstLimit: requestsPerSecond(defaultSettings.apiThrottle.stage.burstLimit),
    publicRateLimit: requestsPerSecond(defaultSettings.apiThrottle.publicRoutes.rateLimit),
    publicBurstLimit: requestsPerSecond(defaultSettings.apiThrottle.publicRoutes.burstLimit),
  })
  // A method limit above the stage's would not make the anonymous routes any tighter.
  .refine((settings) => settings.publicRateLimit <= settings.apiRateLimit, {
    path: ['publicRateLimit'],
    message: 'must not exceed apiRateLimit',
  })
  .refine((settings) => settings.publicBurstLimit <= settings.apiBurstLimit, {
    path: ['publicBurstLimit'],
    message: 'must not exceed apiBurstLimit',
  });

const settingKeys = [
  'stage',
  'deskTimeZone',
  'mailFrom',
  'escalationEmails',
  'operationsEmails',
  'reportRecipients',
  'slaPolicy',
  'apiRateLimit',
  'apiBurstLimit',
  'publicRateLimit',
  'publicBurstLimit',
] as const;

export function readDeploymentSettings(node: Node): DeploymentSettings {
  const raw = Object.fromEntries(settingKeys.map((key) => [key, node.tryGetContext(key) as unknown]));
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `context "${issue.path.join('.')}": ${issue.message}`);
    throw new Error(`Invalid deployment settings:\n  ${problems.join('\n  ')}`);
  }
  const { escalationEmails, slaPolicy, apiRateLimit, apiBurstLimit, publicRateLimit, publicBurstLimit, ...rest } = parsed.data;
  return {
    ...rest,
    escalationSubscribers: escalationEmails,
    ...(slaPolicy === undefined ? {} : { slaPolicy }),
    apiThrottle: {
      stage: { rateLimit: apiRateLimit, burstLimit: apiBurstLimit },
      publicRoutes: { rateLimit: publicRateLimit, burstLimit: publicBurstLimit },
    },
  };
}
