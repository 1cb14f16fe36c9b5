import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of a function. Its service name comes from
 * POWERTOOLS_SERVICE_NAME (set by CDK on every function, and by the local
 * runtime), so logs of every function of the desk share one service; the
 * function itself is named by the Lambda context the handlers inject.
 */
export const logger = new Logger();
