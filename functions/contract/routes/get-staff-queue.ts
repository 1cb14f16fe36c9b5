import * as z from 'zod';
import { caseCategories, phases } from '#domain/complaint.ts';
import { defineRoute } from '../define-route.ts';
import { Cursor, QueueItem, queryInteger } from '../schemas.ts';

export const queueScopes = ['mine', 'unassigned', 'team', 'all', 'agent'] as const;

export const getStaffQueueRoute = defineRoute({
  method: 'GET',
  path: '/staff/queue',
  handler: 'api/get-staff-queue',
  functionName: 'GetStaffQueue',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'Open cases, nearest deadline first, with priority; filter by phase, category, escalation level',
  description:
    "Agents see their own cases (`mine`, the default), their team's (`team`) and the unassigned pool; supervisors see every open case (`all`, their default), one agent's (`agent`) or one team's.",
  request: {
    query: z.strictObject({
      scope: z.enum(queueScopes).optional(),
      agentId: z
        .string()
        .regex(/^[\w.@-]{1,64}$/)
        .optional()
        .meta({ description: 'With scope=agent (supervisors)' }),
      team: z
        .string()
        .regex(/^[\w-]{1,64}$/)
        .optional()
        .meta({
          description: "With scope=team: supervisors name the team; an agent's team is their own",
        }),
      phase: z.enum(phases).optional(),
      category: z.enum(caseCategories).optional(),
      escalationLevel: queryInteger(0, 3).optional(),
      limit: queryInteger(1, 100).default(25),
      cursor: Cursor.optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page of the queue',
      body: z.object({
        scope: z.enum(queueScopes),
        items: z.array(QueueItem),
        cursor: z.string().optional(),
      }),
    },
  },
  capabilities: ['readTable'],
});
