/**
 * What a function may touch. CDK turns every capability into the narrowest
 * grant and the matching environment variable; nothing else is granted.
 * Which function has which: function-capabilities.ts.
 */
export type Capability =
  | "readTable"
  | "writeTable"
  | "startWorkflow"
  | "completeWaits"
  | "publishEscalations"
  | "publishOperations"
  | "sendMail"
  /** Read the HMAC key that signs and verifies survey and confirmation links. */
  | "signLinks"
  /** Know who receives the monthly review (sending it is `sendMail`). */
  | "mailReviews";

/** Environment variable names, shared by CDK, the local runtime and functions/adapters/config.ts. */
export const env = {
  tableName: "TABLE_NAME",
  workflowArn: "WORKFLOW_ARN",
  escalationTopicArn: "ESCALATION_TOPIC_ARN",
  operationsTopicArn: "OPERATIONS_TOPIC_ARN",
  mailFrom: "MAIL_FROM",
  publicBaseUrl: "PUBLIC_BASE_URL",
  deskTimeZone: "DESK_TIME_ZONE",
  slaPolicy: "SLA_POLICY",
  /** On AWS: the Secrets Manager secret holding the link-signing key. */
  linkSigningSecretArn: "LINK_SIGNING_SECRET_ARN",
  /** Locally: the file in the data directory holding the link-signing key. */
  linkSigningKeyFile: "LINK_SIGNING_KEY_FILE",
  /** Who receives the monthly review: email addresses, comma-separated (CDK context `reportRecipients`). */
  reportRecipients: "REPORT_RECIPIENTS",
} as const;
