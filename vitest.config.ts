import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'web/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/unit/setup-matchers.ts'],
    // Builds web/dist when its sources changed: the browser tests load the built app.
    globalSetup: ['test/support/web-build-setup.ts'],
    // What a deployed function finds in its environment; unit tests mock the clients behind these names.
    env: {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      TABLE_NAME: 'complaints-test',
      WORKFLOW_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:complaint',
      ESCALATION_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:escalations',
      OPERATIONS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:operations',
      MAIL_FROM: 'complaints@example.com',
      PUBLIC_BASE_URL: 'https://api.example.com/prod',
      LINK_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:closeloop-link-signing-AbCdEf',
      DESK_TIME_ZONE: 'Asia/Shanghai',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_SERVICE_NAME: 'closeloop',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Every answer a handler gives in a test is checked against its route's contract.
      CLOSELOOP_VERIFY_RESPONSES: '1',
    },
  },
});
