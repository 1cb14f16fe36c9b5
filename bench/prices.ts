/**
 * AWS list prices, US East (N. Virginia), on-demand, without free tiers (a
 * steady-state month of a desk past its first year). Each price names the
 * page it is published on. Date meant: 2026-11-23, the day this table was
 * written; this machine has no network access, so the figures were taken
 * from stored copies of those pages (the latest dated mid-2026), not fetched
 * that day. Check them before quoting a bill.
 */
export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  asOf: string;
  note?: string;
}

const asOf = '2026-11-23';

export const prices = {
  stepFunctionsStandardTransition: {
    usd: 0.025 / 1_000,
    unit: 'state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf,
    note: '$0.025 per 1,000 state transitions, Standard workflows; each retry is a transition too',
  },
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    unit: 'request',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf,
    note: '$0.20 per 1M requests',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'GB-second (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf,
    note: 'Arm price, first 7.5 billion GB-seconds a month, billed per 1 ms',
  },
  dynamoDbWriteRequestUnit: {
    usd: 0.625 / 1_000_000,
    unit: 'write request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf,
    note: '$0.625 per million WRU, Standard table class (on-demand prices halved on 2024-11-01)',
  },
  dynamoDbReadRequestUnit: {
    usd: 0.125 / 1_000_000,
    unit: 'read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf,
    note: '$0.125 per million RRU, Standard table class',
  },
  sesEmail: {
    usd: 0.1 / 1_000,
    unit: 'email',
    source: 'https://aws.amazon.com/ses/pricing/',
    asOf,
    note: '$0.10 per 1,000 outbound emails',
  },
  snsPublish: {
    usd: 0.5 / 1_000_000,
    unit: 'publish request (64 KB chunk)',
    source: 'https://aws.amazon.com/sns/pricing/',
    asOf,
    note: '$0.50 per 1M requests, Standard topics',
  },
  snsEmailNotification: {
    usd: 2 / 100_000,
    unit: 'email notification',
    source: 'https://aws.amazon.com/sns/pricing/',
    asOf,
    note: '$2.00 per 100,000 EMAIL/EMAIL-JSON deliveries',
  },
  apiGatewayRestRequest: {
    usd: 3.5 / 1_000_000,
    unit: 'REST API request',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf,
    note: '$3.50 per million, first 333 million a month',
  },
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    unit: 'GB ingested',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf,
    note: 'Standard log class, $0.50 per GB (Lambda and Step Functions vended logs: the same for the first 10 TB)',
  },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof prices;
