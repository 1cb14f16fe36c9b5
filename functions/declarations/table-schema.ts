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
}

export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose: "a customer's complaints, newest first (repeat-complaint detection)",
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: "an agent's queue (or the unassigned queue) of open cases, nearest deadline first",
    },
    {
      name: 'teamQueue',
      partitionKey: 'teamPk',
      sortKey: 'teamSk',
      purpose: "sparse: a team's open, owned cases, nearest deadline first (an agent's team queue)",
    },
    {
      name: 'openByDeadline',
      partitionKey: 'openPk',
      sortKey: 'openSk',
      purpose: "sparse: every open case, nearest deadline first (the supervisors' queue)",
    },
    {
      name: 'surveysDue',
      partitionKey: 'surveyDuePk',
      sortKey: 'surveyDueAt',
      purpose: 'sparse: closed complaints whose survey is due and not yet sent',
    },
    {
      name: 'awaitingTriage',
      partitionKey: 'triagePk',
      sortKey: 'receivedAt',
      purpose: 'sparse: complaints no workflow has triaged yet, so a scheduled run starts any whose StartExecution failed',
    },
    {
      name: 'provisional',
      partitionKey: 'provisionalPk',
      sortKey: 'receivedAt',
      purpose: 'sparse: complaints whose deadlines were computed without a year of the calendar, to recompute when it is loaded',
    },
    {
      name: 'caseLibrary',
      partitionKey: 'libraryPk',
      sortKey: 'librarySk',
      purpose: 'the case library by category, newest first',
    },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  globalIndexes: readonly IndexDeclaration[];
};

export const keys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  event: (complaintId: string, eventKey: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: `EVENT#${eventKey}` }),
  eventPrefix: 'EVENT#',
  caseNumberCounter: (localDate: string) => ({ pk: `COUNTER#CASE#${localDate}`, sk: 'COUNTER' }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  survey: (tokenHash: string) => ({ pk: `SURVEY#${tokenHash}`, sk: 'SURVEY' }),
  caseLibraryEntry: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'CASE' }),
  customerIndex: (customerId: string) => `CUSTOMER#${customerId}`,
  queueIndex: (agentId: string | undefined) => (agentId ? `AGENT#${agentId}` : 'QUEUE#UNASSIGNED'),
  surveysDuePartition: 'SURVEY_DUE',
  libraryIndex: (category: string) => `LIBRARY#${category}`,
  provisionalPartition: 'PROVISIONAL',
  awaitingTriagePartition: 'AWAITING_TRIAGE',
  openPartition: 'OPEN',
  teamIndex: (team: string) => `TEAM#${team}`,
  customCalendar: { pk: 'CALENDAR', sk: 'CUSTOM' },
} as const;
