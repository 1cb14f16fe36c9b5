import type { Node } from 'constructs';
import * as z from 'zod';

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
 * | `operationsEmails` | none                     | workflow-failure subscribers, comma-separated addresses |
 */
export interface DeploymentSettings {
  stage: string;
  deskTimeZone: string;
  mailFrom: string;
  escalationSubscribers: EscalationSubscriber[];
  operationsEmails: string[];
}

/**
 * One email subscription to the escalation topic. `level` is the escalation
 * level the address receives (1 supervisor, 2 department manager, 3 director,
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
} as const;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

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
  const match = /^(?:([1-9]\d*):)?(.+)$/.exec(entry);
  const email = match?.[2] ?? '';
  if (!z.email().safeParse(email).success) {
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not "address" or "level:address"` });
    return { email };
  }
  return match?.[1] === undefined ? { email } : { email, level: Number(match[1]) };
});

const settingsSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case letters, digits and hyphens, starting with a letter')
    .default(defaultSettings.stage),
  deskTimeZone: z
    .string()
    .refine(isTimeZone, 'not an IANA time zone such as Asia/Shanghai')
    .default(defaultSettings.deskTimeZone),
  mailFrom: z.email().default(defaultSettings.mailFrom),
  escalationEmails: z.preprocess(listOf, z.array(subscriber)),
  operationsEmails: z.preprocess(listOf, z.array(z.email())),
});

export function readDeploymentSettings(node: Node): DeploymentSettings {
  const raw = Object.fromEntries(
    ['stage', 'deskTimeZone', 'mailFrom', 'escalationEmails', 'operationsEmails'].map((key) => [
      key,
      node.tryGetContext(key) as unknown,
    ]),
  );
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `context "${issue.path.join('.')}": ${issue.message}`);
    throw new Error(`Invalid deployment settings:\n  ${problems.join('\n  ')}`);
  }
  const { escalationEmails, ...rest } = parsed.data;
  return { ...rest, escalationSubscribers: escalationEmails };
}
