import * as z from 'zod';
import { caseCategories } from '#domain/complaint.ts';
import { defineRoute } from '../define-route.ts';
import { CaseLibraryResult, queryInteger } from '../schemas.ts';

const day = z.iso.date().or(z.iso.datetime());

export const searchCasesRoute = defineRoute({
  method: 'GET',
  path: '/staff/cases',
  handler: 'api/search-cases',
  functionName: 'SearchCases',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'Search the case library (zh and en) by category, words and closing time',
  request: {
    query: z.strictObject({
      category: z.enum(caseCategories).optional().meta({ description: '`uncertain`: cases closed before anyone picked their category' }),
      q: z.string().trim().max(500).optional().meta({
        description: 'Words in Chinese or English, e.g. 快递 破损 or "refund delayed"',
      }),
      from: day.optional(),
      to: day.optional(),
      limit: queryInteger(1, 50).default(20),
    }),
  },
  responses: {
    200: {
      description: 'The best matches, newest first without words',
      body: z.object({
        query: z.record(z.string(), z.unknown()),
        read: z.int(),
        truncated: z.boolean(),
        results: z.array(CaseLibraryResult),
      }),
    },
  },
  capabilities: ['readTable'],
});
