/**
 * The one table's keys and indexes, declared once: the CDK ComplaintStore and
 * the local bootstrap both create the table from this, and the repository
 * builds its keys with the helpers below.
 */
export interface IndexDeclaration {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** What the index is for: an access pattern, never "just in case". */
  purpose: string;
  /** The only non-key attributes the index carries; without it, every attribute (ALL). */
  projectedAttributes?: readonly string[];
}

/** How an index declaration is created, in CDK and locally alike. */
export function projectionOf(
  index: IndexDeclaration,
): { ProjectionType: 'ALL' } | { ProjectionType: 'INCLUDE'; NonKeyAttributes: string[] } {
  return index.projectedAttributes
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] }
    : { ProjectionType: 'ALL' };
}

/**
 * What repeat detection reads of a customer's earlier complaints. An index
 * projecting only these is rewritten when one of them changes, never on the
 * dozen other writes a complaint sees, and each entry stays far under 1 KB.
 */
export const recentComplaintAttributes = ['entity', 'id', 'caseNumber', 'category', 'receivedAt'] as const;

/**
 * What a queue row (its clocks, priority and filters) and the escalation list
 * read of an open case: not the customer's text beyond the subject, nor the
 * notices, timeline outbox, policy or contact details a queue never shows.
 */
export const queueCaseAttributes = [
  'id',
  'caseNumber',
  'phase',
  'category',
  'severity',
  'tier',
  'subject',
  'owner',
  'escalationLevel',
  'escalations',
  'firstRespondedAt',
  'responseDueAt',
  'resolutionDueAt',
  'confirmationDueAt',
  'pause',
  'deadlinesProvisional',
  'repeatOf',
  'triage',
] as const;

export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * DynamoDB's TTL deletes an item once this attribute, a Number of epoch
   * SECONDS, is in the past (milliseconds would read as a date thousands of
   * years away and never expire). Deletion lags by up to a few days and the
   * local engine has no TTL at all, so readers still treat an expired item as
   * absent themselves; TTL only keeps the table from growing.
   */
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose: "a customer's complaints, newest first (repeat-complaint detection)",
      projectedAttributes: recentComplaintAttributes,
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: "an agent's queue (or the unassigned queue) of open cases, nearest deadline first",
      projectedAttributes: queueCaseAttributes,
    },
    {
      name: 'teamQueue',
      partitionKey: 'teamPk',
      sortKey: 'teamSk',
      purpose: "sparse: a team's open, owned cases, nearest deadline first (an agent's team queue)",
      projectedAttributes: queueCaseAttributes,
    },
    {
      name: 'openByDeadline',
      partitionKey: 'openPk',
      sortKey: 'openSk',
      purpose: "sparse: every open case, nearest deadline first (the supervisors' queue)",
      projectedAttributes: queueCaseAttributes,
    },
    {
      name: 'surveysDue',
      partitionKey: 'surveyDuePk',
      sortKey: 'surveyDueAt',
      purpose: 'sparse: closed complaints whose survey is due and not yet sent',
      projectedAttributes: ['id'],
    },
    {
      name: 'awaitingTriage',
      partitionKey: 'triagePk',
      sortKey: 'receivedAt',
      purpose: 'sparse: complaints no workflow has triaged yet, so a scheduled run starts any whose StartExecution failed',
      projectedAttributes: ['id'],
    },
    {
      name: 'provisional',
      partitionKey: 'provisionalPk',
      sortKey: 'receivedAt',
      purpose: 'sparse: complaints whose deadlines were computed without a year of the calendar, to recompute when it is loaded',
      projectedAttributes: ['id'],
    },
    {
      name: 'caseLibrary',
      partitionKey: 'libraryPk',
      sortKey: 'librarySk',
      purpose: 'the case library by category, newest first',
    },
    {
      name: 'reportMonth',
      partitionKey: 'reportMonthPk',
      sortKey: 'reportMonthSk',
      purpose: "a month's receipt cohort in order of receipt, carrying only the facts the KPI reports read",
      projectedAttributes: ['reportFacts'],
    },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  timeToLiveAttribute: string;
  globalIndexes: readonly IndexDeclaration[];
};

type GlobalIndex = (typeof tableSchema.globalIndexes)[number];
export type GlobalIndexName = GlobalIndex['name'];

/** One declared index by name, with its key attribute names as literal types. */
export function globalIndex<N extends GlobalIndexName>(name: N): Extract<GlobalIndex, { name: N }> {
  return tableSchema.globalIndexes.find((index) => index.name === name) as Extract<GlobalIndex, { name: N }>;
}

/**
 * The attributes of a LastEvaluatedKey: the table's key, and on an index the
 * index's key as well (DynamoDB pages an index by both).
 */
export function pageKeyAttributes(indexName?: GlobalIndexName): string[] {
  const table = [tableSchema.partitionKey, tableSchema.sortKey];
  if (!indexName) return table;
  const index = globalIndex(indexName);
  return [...table, index.partitionKey, index.sortKey];
}

export const keys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  event: (complaintId: string, eventKey: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: `EVENT#${eventKey}` }),
  eventPrefix: 'EVENT#',
  caseNumberCounter: (localDate: string) => ({ pk: `COUNTER#CASE#${localDate}`, sk: 'COUNTER' }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  survey: (tokenHash: string) => ({ pk: `SURVEY#${tokenHash}`, sk: 'SURVEY' }),
  caseLibraryEntry: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'CASE' }),
  customerIndex: (customerId: string) => `CUSTOMER#${customerId}`,
  customerProfile: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' }),
  /** Index sort keys ordered by a time, the id breaking ties so two items never share one. */
  byTime: (at: string, id: string) => `${at}#${id}`,
  queueIndex: (agentId: string | undefined) => (agentId ? `AGENT#${agentId}` : 'QUEUE#UNASSIGNED'),
  surveysDuePartition: 'SURVEY_DUE',
  libraryIndex: (category: string) => `LIBRARY#${category}`,
  provisionalPartition: 'PROVISIONAL',
  awaitingTriagePartition: 'AWAITING_TRIAGE',
  openPartition: 'OPEN',
  teamIndex: (team: string) => `TEAM#${team}`,
  customCalendar: { pk: 'CALENDAR', sk: 'CUSTOM' },
  /** A local month (YYYY-MM) of receipt in the desk's time zone. */
  reportMonthIndex: (month: string) => `MONTH#${month}`,
  /** A settled month's stored rows, in parts that each fit an item. */
  reportSnapshot: (month: string, part: number) => ({ pk: `REPORT#${month}`, sk: `SNAPSHOT#${String(part).padStart(3, '0')}` }),
  reportSnapshotPartition: (month: string) => `REPORT#${month}`,
  monthlyReview: (month: string) => ({ pk: `REVIEW#${month}`, sk: 'REVIEW' }),
} as const;

/** The indexes by the access pattern each serves: stores read these, never an index name. */
export const indexes = {
  customerComplaints: globalIndex('gsi1'),
  agentQueue: globalIndex('gsi2'),
  teamQueue: globalIndex('teamQueue'),
  openByDeadline: globalIndex('openByDeadline'),
  surveysDue: globalIndex('surveysDue'),
  awaitingTriage: globalIndex('awaitingTriage'),
  provisional: globalIndex('provisional'),
  caseLibrary: globalIndex('caseLibrary'),
  reportMonth: globalIndex('reportMonth'),
} as const;
