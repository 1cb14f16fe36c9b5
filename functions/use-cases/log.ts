import { Logger } from '@aws-lambda-powertools/logger';

/** The API's service name: a use case's lines read as the handler's did. */
export const logger = new Logger({ serviceName: 'closeloop' });
