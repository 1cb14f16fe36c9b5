import * as z from "zod";
import { categories, phases } from "#domain/complaint.ts";
import { priorityOf } from "#domain/priority.ts";
import { queuePage } from "#adapters/stores/queue.ts";
import { staffIdentity } from "../http/access.ts";
import { apiHandler, queryInteger } from "../http/api-handler.ts";
import { ProblemError, parseOrThrow, problem } from "../http/problem.ts";

const QueueQuery = z.strictObject({
  scope: z.enum(["mine", "unassigned", "team", "all", "agent"]).optional(),
  agentId: z
    .string()
    .regex(/^[\w.@-]{1,64}$/)
    .optional(),
  /** Supervisors name the team; an agent's team is their own. */
  team: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
  phase: z.enum(phases).optional(),
  category: z.enum(categories).optional(),
  escalationLevel: queryInteger(0, 3).optional(),
  limit: queryInteger(1, 100).default(25),
  cursor: z.string().max(2000).optional(),
});

/**
 * Agents see their own cases, their team's and the unassigned pool;
 * supervisors see every open case (or one agent's, or one team's). Nearest
 * deadline first, from an index.
 */
export const handler = apiHandler(async (request) => {
  const staff = staffIdentity(request, ["agents", "supervisors"]);
  const query = parseOrThrow(
    QueueQuery,
    request.event.queryStringParameters ?? {},
    request.locale,
    "query string",
  );
  const supervisor = staff.groups.includes("supervisors");
  const scope = query.scope ?? (supervisor ? "all" : "mine");
  if (!supervisor && (scope === "all" || scope === "agent")) {
    throw new ProblemError(
      problem(
        "forbidden",
        request.locale,
        "agents see their own cases, their team's and the unassigned pool",
      ),
    );
  }
  if (
    scope === "team" &&
    !supervisor &&
    query.team !== undefined &&
    query.team !== staff.team
  ) {
    throw new ProblemError(
      problem(
        "forbidden",
        request.locale,
        "agents see their own team's queue only",
      ),
    );
  }
  const team =
    scope === "team" ? (supervisor ? query.team : staff.team) : undefined;
  if (scope === "team" && !team) {
    throw new ProblemError(
      problem(
        "invalid",
        request.locale,
        supervisor ? "scope=team needs team" : "you belong to no team",
        {
          errors: [
            {
              field: "team",
              problem: supervisor
                ? "is required with scope=team"
                : "no custom:team on your sign-in",
            },
          ],
        },
      ),
    );
  }
  if (scope === "agent" && !query.agentId) {
    throw new ProblemError(
      problem("invalid", request.locale, "scope=agent needs agentId", {
        errors: [{ field: "agentId", problem: "is required with scope=agent" }],
      }),
    );
  }
  const partition =
    scope === "all"
      ? ({ kind: "all" } as const)
      : scope === "team"
        ? ({ kind: "team", team: team! } as const)
        : scope === "unassigned"
          ? ({ kind: "unassigned" } as const)
          : ({
              kind: "agent",
              agentId: scope === "agent" ? query.agentId! : staff.username,
            } as const);
  const page = await queuePage({
    partition,
    limit: query.limit,
    ...(query.phase ? { phase: query.phase } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.escalationLevel !== undefined
      ? { escalationLevel: query.escalationLevel }
      : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = request.clock.now();
  return {
    statusCode: 200,
    body: {
      scope,
      items: page.complaints.map((c) => ({
        id: c.id,
        caseNumber: c.caseNumber,
        phase: c.phase,
        category: c.category,
        severity: c.severity,
        tier: c.tier,
        subject: c.subject,
        owner: c.owner?.agentId ?? null,
        escalationLevel: c.escalationLevel,
        nextDueAt: c.firstRespondedAt ? c.resolutionDueAt : c.responseDueAt,
        repeatOf: c.repeatOf?.caseNumber ?? null,
        sentiment: c.triage?.sentiment.score ?? null,
        priority: priorityOf(c, now),
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
}, { readsQuery: true });
