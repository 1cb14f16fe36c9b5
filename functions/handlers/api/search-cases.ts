import { searchCasesRoute } from '#contract/routes/search-cases.ts';
import { searchCaseLibrary } from '#use-cases/search-case-library.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(searchCasesRoute)(async ({ query }) => ({ statusCode: 200, body: await searchCaseLibrary(query) }));
