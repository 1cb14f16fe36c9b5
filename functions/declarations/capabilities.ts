/**
 * What each function may touch. CDK turns every capability into the narrowest
 * grant and the matching environment variable; nothing else is granted.
 */
export type Capability =
  | 'readTable'
  | 'writeTable'
  | 'startWorkflow'
  | 'completeWaits'
  | 'publishEscalations'
  | 'publishOperations'
  | 'sendMail'
  /** Read the HMAC key that signs and verifies survey and confirmation links. */
  | 'signLinks';

/** Environment variable names, shared by CDK, the local runtime and functions/adapters/config.ts. */
export const env = {
  tableName: 'TABLE_NAME',
  workflowArn: 'WORKFLOW_ARN',
  escalationTopicArn: 'ESCALATION_TOPIC_ARN',
  operationsTopicArn: 'OPERATIONS_TOPIC_ARN',
  mailFrom: 'MAIL_FROM',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  deskTimeZone: 'DESK_TIME_ZONE',
  slaPolicy: 'SLA_POLICY',
  /** On AWS: the Secrets Manager secret holding the link-signing key. */
  linkSigningSecretArn: 'LINK_SIGNING_SECRET_ARN',
  /** Locally: the file in the data directory holding the link-signing key. */
  linkSigningKeyFile: 'LINK_SIGNING_KEY_FILE',
} as const;

export const capabilitiesByHandler: Record<string, readonly Capability[]> = {
  'api/file-complaint': ['readTable', 'writeTable', 'startWorkflow', 'publishOperations', 'signLinks'],
  'api/get-complaint': ['readTable'],
  'api/confirm-resolution': ['readTable', 'writeTable', 'completeWaits', 'signLinks'],
  'api/answer-survey': ['readTable', 'writeTable', 'signLinks'],
  'api/get-staff-complaint': ['readTable'],
  'api/claim-complaint': ['readTable', 'writeTable'],
  'api/record-response': ['readTable', 'writeTable', 'completeWaits', 'sendMail'],
  'api/record-resolution': ['readTable', 'writeTable', 'completeWaits', 'sendMail', 'signLinks'],
  'workflow/triage-complaint': ['readTable', 'writeTable'],
  'workflow/send-acknowledgement': ['readTable', 'writeTable', 'sendMail'],
  'workflow/plan-next-step': ['readTable'],
  'workflow/await-step': ['readTable', 'writeTable', 'completeWaits'],
  'workflow/escalate-complaint': ['readTable', 'writeTable', 'publishEscalations'],
  'workflow/close-complaint': ['readTable', 'writeTable'],
  'workflow/warn-staff': ['readTable', 'writeTable', 'publishEscalations'],
  'workflow/expire-info-request': ['readTable', 'writeTable', 'publishEscalations'],
  'api/get-policies': [],
  'api/set-customer-tier': ['readTable', 'writeTable'],
  'api/request-information': ['readTable', 'writeTable', 'completeWaits', 'sendMail'],
  'api/reply-to-complaint': ['readTable', 'writeTable', 'completeWaits'],
  'api/acknowledge-escalations': ['readTable', 'writeTable', 'completeWaits'],
  'api/escalate-by-hand': ['readTable', 'writeTable', 'completeWaits'],
  'api/reassign-complaint': ['readTable', 'writeTable', 'completeWaits'],
  'api/load-calendar': ['readTable', 'writeTable', 'completeWaits'],
  'api/regrade-complaint': ['readTable', 'writeTable', 'completeWaits'],
  'api/get-staff-queue': ['readTable'],
  'api/search-cases': ['readTable'],
  'api/get-staff-timeline': ['readTable'],
  'api/get-timeline': ['readTable'],
  'api/show-survey': ['readTable', 'signLinks'],
  'api/show-confirmation': ['readTable', 'signLinks'],
  'api/rotate-access-token': ['readTable', 'writeTable'],
  'api/revoke-access': ['readTable', 'writeTable', 'sendMail'],
  'workflow/record-failure': ['readTable', 'writeTable', 'publishOperations'],
  'schedule/start-missed-workflows': ['readTable', 'startWorkflow'],
  'schedule/send-surveys': ['readTable', 'writeTable', 'sendMail', 'signLinks'],
  'workflow/notify-customer': ['readTable', 'writeTable', 'sendMail', 'signLinks', 'publishOperations'],
};
