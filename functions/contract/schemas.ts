import * as z from 'zod';
import { caseCategories, categories, channels, closeOutcomes, locales, phases, tiers, waitKinds } from '#domain/complaint.ts';
import { severities } from '#domain/sla-policy.ts';
import { eventTypes } from '#domain/timeline.ts';
import { clockDeadlines } from '#domain/sla-clocks.ts';

// Shapes shared by several routes. Response schemas are loose objects: a
// client must accept fields added later, and the contract test still catches
// a documented field that is missing or of another type.

export const ComplaintId = z.ulid({ error: 'is not a complaint id (a 26-character ULID)' }).meta({
  description: 'The complaint id (a ULID)',
  example: '01JD8Z6Q2W3E4R5T6Y7V8K9M0P',
});

/** A link from an email: one base64url token, or a signed `payload.signature` (tokens.ts refuses longer than 512). */
export const LinkToken = z
  .string()
  .max(512, { error: 'is not a link token (too long)' })
  .regex(/^[\w-]+(?:\.[\w-]+)?$/, { error: 'is not a link token' })
  .meta({ description: 'The token of a link from an email' });

export const ComplaintParams = z.strictObject({ id: ComplaintId });

/** A whole number in a query string: digits only, so `0x10`, `1e3`, ` 7` or an empty value are refused, not coerced. */
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: 'is not a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const Cursor = z.string().max(2000).meta({
  description: 'The `cursor` of the previous page, as it was answered',
});

export const PageQuery = z.strictObject({
  limit: queryInteger(1, 200).default(50),
  cursor: Cursor.optional(),
});

const instant = z.iso.datetime({ offset: true });
const optionalInstant = instant.optional();

export const Problem = z
  .object({
    type: z.string().meta({ example: 'https://closeloop.dev/problems/invalid' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({
      description: "What went wrong, in the caller's language (Accept-Language)",
    }),
    errors: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** A real category: what a customer may pick, the model predicts and an agent picks. */
export const Category = z.enum(categories);
/** What a case may be filed under: a real category or `uncertain` (waiting on an agent's pick). */
export const CaseCategory = z.enum(caseCategories).meta({
  description: '`uncertain`: nobody picked a category and triage was not sure; an agent picks one',
});
export const Channel = z.enum(channels);
export const Phase = z.enum(phases);
export const Severity = z.enum(severities);
export const Tier = z.enum(tiers);

export const CustomerTimelineEvent = z
  .object({
    at: instant,
    type: z.enum(eventTypes),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CustomerTimelineEvent' });

export const StaffTimelineEvent = z
  .object({
    at: instant,
    type: z.enum(eventTypes),
    actor: z.object({
      kind: z.enum(['customer', 'agent', 'supervisor', 'system']),
      id: z.string().optional(),
    }),
    visibleToCustomer: z.boolean(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'StaffTimelineEvent' });

export const Escalation = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    reason: z.string(),
    window: z.string(),
    at: instant,
    publishedAt: optionalInstant,
    acknowledgedAt: optionalInstant,
    acknowledgedBy: z.string().optional(),
    manual: z.object({ by: z.string(), note: z.string() }).optional(),
  })
  .meta({ id: 'Escalation' });

export const Owner = z
  .object({
    agentId: z.string(),
    claimedAt: instant,
    team: z.string().optional(),
  })
  .meta({ id: 'Owner' });

export const Pause = z
  .object({
    requestId: z.string(),
    since: instant,
    expiresAt: instant,
    question: z.string(),
  })
  .meta({ id: 'Pause' });

export const PolicyInForce = z
  .object({
    version: z.string(),
    applied: z.array(z.string()),
    targets: z.object({
      firstResponseHours: z.number(),
      resolutionWorkingDays: z.number(),
      confirmationWorkingDays: z.number(),
      surveyDelayHours: z.number(),
      warningThreshold: z.number(),
    }),
    level3AfterWorkingDays: z.number(),
    repeatEveryHours: z.number(),
    infoRequestWorkingDays: z.number(),
    superviseAtFiling: z.boolean(),
  })
  .meta({ id: 'PolicyInForce' });

export const Clock = z
  .object({
    deadline: z.enum(clockDeadlines),
    dueAt: instant,
    basis: z.enum(['calendar', 'working']).meta({
      description:
        'How remainingMs counts: the response counts calendar hours, the resolution and the customer windows working time; a provisional working clock falls back to calendar time',
    }),
    remainingMs: z.number().meta({ description: 'At asOf; negative when overdue; frozen at the pause while paused' }),
    running: z.boolean().meta({ description: 'False while paused or, for a working clock, on a non-working day' }),
    paused: z.boolean(),
    provisional: z.boolean().meta({
      description: 'The count runs into a year the business calendar does not cover yet',
    }),
    changesAt: instant.nullable().meta({
      description: 'The next instant `running` flips (a working clock, at a local day boundary); null for calendar or paused clocks',
    }),
  })
  .meta({ id: 'Clock' });

export const CaseClocks = z
  .object({
    asOf: instant.meta({ description: "The server clock's instant the clocks were read at" }),
    next: Clock.nullable().meta({ description: 'The deadline nearest due that is running or paused; null when closed' }),
    response: Clock.nullable().meta({ description: 'Null once the first response is given' }),
    resolution: Clock.nullable().meta({ description: 'Null once resolved' }),
  })
  .meta({ id: 'CaseClocks', description: 'The SLA countdowns as the server reads them' });

export const FiledComplaint = z
  .object({
    id: ComplaintId,
    caseNumber: z.string().meta({ example: 'CL-20251124-0001' }),
    phase: Phase,
    responseDueAt: instant,
    resolutionDueAt: instant,
    deadlinesProvisional: z.boolean(),
    accessToken: z.string().meta({
      description: 'The case access token: send it as `Authorization: Bearer <accessToken>`',
    }),
  })
  .meta({ id: 'FiledComplaint' });

export const CustomerCase = z
  .object({
    id: ComplaintId,
    caseNumber: z.string(),
    phase: Phase,
    channel: Channel,
    category: CaseCategory,
    subject: z.string(),
    description: z.string(),
    orderRef: z.string().optional(),
    receivedAt: instant,
    responseDueAt: instant,
    resolutionDueAt: instant,
    deadlinesProvisional: z.boolean(),
    firstRespondedAt: optionalInstant,
    resolution: z.object({ resolution: z.string(), compensation: z.string().optional() }).optional(),
    confirmationDueAt: optionalInstant,
    closedAt: optionalInstant,
    closeOutcome: z.enum(closeOutcomes).optional(),
    pendingInformationRequest: z
      .object({ question: z.string(), askedAt: instant, dueAt: instant })
      .optional()
      .meta({ description: 'The desk waits on this answer (POST /complaints/{id}/replies); the resolution clock is stopped meanwhile' }),
    survey: z
      .object({
        token: LinkToken.meta({ description: 'The survey link token, as in the email: GET or POST /surveys/{token}' }),
        sentAt: instant,
        expiresAt: instant.meta({ description: 'From this instant the link is refused (410)' }),
        answered: z.boolean(),
      })
      .optional()
      .meta({ description: 'The satisfaction survey, once sent' }),
    timeline: z.array(CustomerTimelineEvent),
  })
  .meta({ id: 'CustomerCase' });

export const SimilarCase = z
  .object({
    complaintId: ComplaintId,
    caseNumber: z.string(),
    subject: z.string(),
    rootCause: z.string(),
    resolution: z.string(),
    compensation: z.string().optional(),
    outcome: z.string(),
    closedAt: instant,
    score: z.number(),
    why: z.object({ category: z.string(), sharedWords: z.array(z.string()) }),
  })
  .meta({ id: 'SimilarCase' });

export const TriageEvidence = z
  .object({
    category: z.object({
      value: CaseCategory.meta({ description: 'What triage decided at filing; an agent picking later does not change it' }),
      source: z.enum(['customer', 'classified']),
      evidence: z.array(z.string()),
      mismatch: z.object({ suggested: Category, evidence: z.array(z.string()) }).optional(),
    }),
    severity: z.object({
      value: Severity,
      reasons: z.array(z.object({ rule: z.string(), evidence: z.array(z.string()) })),
    }),
    sentiment: z.object({
      score: z.number(),
      label: z.enum(['negative', 'neutral', 'positive']),
      evidence: z.array(z.string()),
    }),
    risk: z.object({ high: z.boolean(), reasons: z.array(z.string()) }),
  })
  .meta({
    id: 'TriageEvidence',
    description: 'What triage found in the text, with its evidence',
  });

export const StaffCase = z
  .object({
    id: ComplaintId,
    caseNumber: z.string(),
    customer: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      phone: z.string().optional(),
      locale: z.enum(locales),
    }),
    tier: Tier,
    channel: Channel,
    category: CaseCategory,
    categorySource: z.enum(['customer', 'classified', 'default', 'agent']),
    severity: Severity,
    triage: TriageEvidence.optional(),
    repeatOf: z.object({ id: ComplaintId, caseNumber: z.string(), receivedAt: instant }).optional(),
    policy: PolicyInForce,
    subject: z.string(),
    description: z.string(),
    orderRef: z.string().optional(),
    receivedAt: instant,
    phase: Phase,
    version: z.int(),
    timeZone: z.string(),
    responseDueAt: instant,
    resolutionDueAt: instant,
    originalResolutionDueAt: instant,
    pausedWorkingMs: z.number(),
    pause: Pause.optional(),
    warnings: z.array(
      z.object({
        window: z.enum(['response', 'resolution']),
        at: instant,
        publishedAt: optionalInstant,
      }),
    ),
    confirmationDueAt: optionalInstant,
    deadlinesProvisional: z.object({ missingYears: z.array(z.int()) }).optional(),
    escalationLevel: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    escalations: z.array(Escalation),
    owner: Owner.optional(),
    firstRespondedAt: optionalInstant,
    resolvedAt: optionalInstant,
    resolution: z
      .object({
        rootCause: z.string(),
        resolution: z.string(),
        compensation: z.string().optional(),
        agentId: z.string(),
      })
      .optional(),
    reopenCount: z.int(),
    closedAt: optionalInstant,
    closeOutcome: z.enum(closeOutcomes).optional(),
    wait: z.object({ kind: z.enum(waitKinds), since: instant, until: instant }).optional(),
    clocks: CaseClocks,
    timeline: z.array(StaffTimelineEvent),
    similarCases: z.array(SimilarCase),
  })
  .meta({ id: 'StaffCase' });

export const QueueItem = z
  .object({
    id: ComplaintId,
    caseNumber: z.string(),
    phase: Phase,
    category: CaseCategory,
    severity: Severity,
    tier: Tier,
    subject: z.string(),
    owner: z.string().nullable(),
    escalationLevel: z.int(),
    nextDueAt: instant,
    clocks: CaseClocks,
    repeatOf: z.string().nullable(),
    sentiment: z.number().nullable(),
    priority: z.object({
      score: z.number().meta({
        description: 'Priority 0-100: tier, severity, negative sentiment, repeat and urgency together',
      }),
      parts: z.object({
        tier: z.number(),
        severity: z.number(),
        sentiment: z.number(),
        repeat: z.number(),
        urgency: z.number(),
      }),
    }),
  })
  .meta({ id: 'QueueItem' });

export const CaseLibraryResult = z
  .object({
    complaintId: ComplaintId,
    caseNumber: z.string(),
    category: z.string(),
    channel: z.string(),
    tier: z.string(),
    severity: z.string(),
    subject: z.string(),
    rootCause: z.string(),
    resolution: z.string(),
    compensation: z.string().optional(),
    tags: z.array(z.string()),
    outcome: z.string(),
    escalationLevel: z.int(),
    reopenCount: z.int(),
    receivedAt: instant,
    closedAt: instant,
    survey: z.object({ csat: z.int(), nps: z.int() }).optional(),
    score: z.number(),
    matched: z.array(z.string()),
  })
  .meta({ id: 'CaseLibraryResult' });
