import * as z from 'zod';
import { type CaseCategory, categories, type Tier } from '#domain/complaint.ts';
import type { SlaTargets } from '#domain/deadlines.ts';

export const severities = ['L1', 'L2', 'L3'] as const;
export type Severity = (typeof severities)[number];

const hours = z
  .number()
  .positive()
  .max(24 * 365);
const workingDays = z.int().min(1).max(250);

export const TargetsSchema = z.strictObject({
  firstResponseHours: hours,
  resolutionWorkingDays: workingDays,
  confirmationWorkingDays: workingDays,
  surveyDelayHours: z
    .number()
    .min(0)
    .max(24 * 90),
  /** Share of a window after which the owner and the supervisor queue are warned. */
  warningThreshold: z.number().gt(0).lt(1),
});
export type PolicyTargets = z.infer<typeof TargetsSchema>;
const Override = TargetsSchema.partial();

const share = z.number().min(0).max(1);
/**
 * What the monthly review compares the month with (DOMAIN.md's KPIs). Each
 * given value replaces the built-in one; `null` reports the figure without a
 * target. Rates are fractions 0..1, as the report answers them.
 */
export const ReviewTargetsSchema = z.strictObject({
  resolvedRate: share.nullable(),
  firstResponseMetRate: share.nullable(),
  resolutionMetRate: share.nullable(),
  meanWorkingDays: z.number().positive().max(250).nullable(),
  escalatedRate: share.nullable(),
  reopenedRate: share.nullable(),
  repeatRate: share.nullable(),
  firstContactResolutionRate: share.nullable(),
  surveyResponseRate: share.nullable(),
  satisfiedRate: share.nullable(),
  nps: z.number().min(-100).max(100).nullable(),
});
export type ReviewTargets = z.infer<typeof ReviewTargetsSchema>;

/**
 * The figures the annual reports this desk was specified from quote (97.8 %
 * resolved, 1.8 working days, 3.2 % escalated, 96 % satisfied), rounded to
 * goals a desk can hold itself to.
 */
export const defaultReviewTargets: ReviewTargets = {
  resolvedRate: 0.95,
  firstResponseMetRate: 0.95,
  resolutionMetRate: 0.95,
  meanWorkingDays: 2,
  escalatedRate: 0.05,
  reopenedRate: 0.05,
  repeatRate: 0.05,
  firstContactResolutionRate: 0.9,
  surveyResponseRate: 0.3,
  satisfiedRate: 0.95,
  nps: 30,
};

/**
 * 限时办结制 as data: targets per severity, tier and category; where several
 * apply the tighter value of each target wins.
 */
export const SlaPolicySchema = z.strictObject({
  version: z.string().min(1).max(64),
  defaults: TargetsSchema,
  severity: z.partialRecord(z.enum(severities), Override).default({}),
  tier: z.partialRecord(z.enum(['standard', 'vip']), Override).default({}),
  category: z.partialRecord(z.enum(categories), Override).default({}),
  /** Severities whose complaints alert a supervisor the moment they are filed. */
  superviseAtFiling: z.array(z.enum(severities)).default(['L3']),
  escalation: z
    .strictObject({
      /** Level 3 (director) when still unresolved this many working days after level 2. */
      level3AfterWorkingDays: workingDays.default(2),
      /** An unacknowledged escalation is repeated this often. */
      repeatEveryHours: hours.default(24),
    })
    .default({ level3AfterWorkingDays: 2, repeatEveryHours: 24 }),
  /** An information request unanswered this long ends the pause and notifies the owner. */
  infoRequestWorkingDays: workingDays.default(5),
  /** The monthly review's targets; those not given keep their built-in value. */
  reviewTargets: ReviewTargetsSchema.partial().default({}),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const defaultSlaPolicy: SlaPolicy = SlaPolicySchema.parse({
  version: 'default-2025',
  defaults: {
    firstResponseHours: 48,
    resolutionWorkingDays: 7,
    confirmationWorkingDays: 3,
    surveyDelayHours: 24,
    warningThreshold: 0.75,
  },
  severity: { L3: { firstResponseHours: 24, resolutionWorkingDays: 5 } },
  tier: { vip: { firstResponseHours: 24, resolutionWorkingDays: 3 } },
});

export const reviewTargetsOf = (policy: SlaPolicy): ReviewTargets => ({ ...defaultReviewTargets, ...policy.reviewTargets });

export class PolicyConfigurationError extends Error {
  override readonly name = 'PolicyConfigurationError';
}

/** Start-up check: a wrong policy stops the function with the setting and the field named. */
export function parseSlaPolicy(json: string | undefined, source = 'SLA_POLICY'): SlaPolicy {
  if (!json) return defaultSlaPolicy;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new PolicyConfigurationError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = SlaPolicySchema.safeParse(raw);
  if (!parsed.success) throw new PolicyConfigurationError(`${source} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface PolicyInForce {
  version: string;
  /** What applied, e.g. ["defaults", "tier:vip", "severity:L3"]: the reason for each deadline. */
  applied: string[];
  targets: PolicyTargets;
  level3AfterWorkingDays: number;
  repeatEveryHours: number;
  infoRequestWorkingDays: number;
  superviseAtFiling: boolean;
}

const tighter = (a: PolicyTargets, b: Partial<PolicyTargets>): PolicyTargets => ({
  firstResponseHours: Math.min(a.firstResponseHours, b.firstResponseHours ?? Infinity),
  resolutionWorkingDays: Math.min(a.resolutionWorkingDays, b.resolutionWorkingDays ?? Infinity),
  confirmationWorkingDays: Math.min(a.confirmationWorkingDays, b.confirmationWorkingDays ?? Infinity),
  surveyDelayHours: Math.min(a.surveyDelayHours, b.surveyDelayHours ?? Infinity),
  warningThreshold: Math.min(a.warningThreshold, b.warningThreshold ?? Infinity),
});

/** The targets for one complaint, stored on it at receipt so a later policy change never moves its deadlines. */
export function policyFor(policy: SlaPolicy, complaint: { severity: Severity; tier: Tier; category: CaseCategory }): PolicyInForce {
  const applied = ['defaults'];
  let targets = policy.defaults;
  const layers: [string, Partial<PolicyTargets> | undefined][] = [
    [`severity:${complaint.severity}`, policy.severity[complaint.severity]],
    [`tier:${complaint.tier}`, policy.tier[complaint.tier]],
    // An uncertain case has no category targets until an agent picks one; the pick applies them from receipt.
    [`category:${complaint.category}`, complaint.category === 'uncertain' ? undefined : policy.category[complaint.category]],
  ];
  for (const [name, override] of layers) {
    if (!override) continue;
    targets = tighter(targets, override);
    applied.push(name);
  }
  return {
    version: policy.version,
    applied,
    targets,
    level3AfterWorkingDays: policy.escalation.level3AfterWorkingDays,
    repeatEveryHours: policy.escalation.repeatEveryHours,
    infoRequestWorkingDays: policy.infoRequestWorkingDays,
    superviseAtFiling: policy.superviseAtFiling.includes(complaint.severity),
  };
}

export function slaTargetsOf(policy: PolicyInForce): SlaTargets {
  const { warningThreshold: _w, ...targets } = policy.targets;
  return targets;
}
