/**
 * Every HTTP route, once: each entry is the route's whole contract
 * (functions/contract/routes/), and the CDK API, the local HTTP front, the
 * handler wrapper and the OpenAPI document are all built from this list, so
 * a route cannot exist in one place only.
 */
import { fileComplaintRoute } from '../contract/routes/file-complaint.ts';
import { getComplaintRoute } from '../contract/routes/get-complaint.ts';
import { confirmResolutionRoute } from '../contract/routes/confirm-resolution.ts';
import { answerSurveyRoute } from '../contract/routes/answer-survey.ts';
import { getStaffComplaintRoute } from '../contract/routes/get-staff-complaint.ts';
import { claimComplaintRoute } from '../contract/routes/claim-complaint.ts';
import { recordResponseRoute } from '../contract/routes/record-response.ts';
import { recordResolutionRoute } from '../contract/routes/record-resolution.ts';
import { replyToComplaintRoute } from '../contract/routes/reply-to-complaint.ts';
import { requestInformationRoute } from '../contract/routes/request-information.ts';
import { escalateByHandRoute } from '../contract/routes/escalate-by-hand.ts';
import { acknowledgeEscalationsRoute } from '../contract/routes/acknowledge-escalations.ts';
import { reassignComplaintRoute } from '../contract/routes/reassign-complaint.ts';
import { getPoliciesRoute } from '../contract/routes/get-policies.ts';
import { setCustomerTierRoute } from '../contract/routes/set-customer-tier.ts';
import { regradeComplaintRoute } from '../contract/routes/regrade-complaint.ts';
import { pickCategoryRoute } from '../contract/routes/pick-category.ts';
import { getStaffQueueRoute } from '../contract/routes/get-staff-queue.ts';
import { searchCasesRoute } from '../contract/routes/search-cases.ts';
import { getStaffTimelineRoute } from '../contract/routes/get-staff-timeline.ts';
import { getTimelineRoute } from '../contract/routes/get-timeline.ts';
import { loadCalendarRoute } from '../contract/routes/load-calendar.ts';
import { getCalendarRoute } from '../contract/routes/get-calendar.ts';
import { rotateAccessTokenRoute } from '../contract/routes/rotate-access-token.ts';
import { revokeAccessRoute } from '../contract/routes/revoke-access.ts';
import { showSurveyRoute } from '../contract/routes/show-survey.ts';
import { showConfirmationRoute } from '../contract/routes/show-confirmation.ts';
import { showCaseStatusRoute } from '../contract/routes/show-case-status.ts';
import { getKpiReportRoute } from '../contract/routes/get-kpi-report.ts';
import { getBreachesRoute } from '../contract/routes/get-breaches.ts';
import { getEscalationsRoute } from '../contract/routes/get-escalations.ts';
import type { RouteContract } from '../contract/define-route.ts';

export type { Access, RouteContract as RouteDeclaration, StaffGroup } from '../contract/define-route.ts';

export const routes = [
  fileComplaintRoute,
  getComplaintRoute,
  confirmResolutionRoute,
  answerSurveyRoute,
  getStaffComplaintRoute,
  claimComplaintRoute,
  recordResponseRoute,
  recordResolutionRoute,
  replyToComplaintRoute,
  requestInformationRoute,
  escalateByHandRoute,
  acknowledgeEscalationsRoute,
  reassignComplaintRoute,
  getPoliciesRoute,
  setCustomerTierRoute,
  regradeComplaintRoute,
  pickCategoryRoute,
  getStaffQueueRoute,
  searchCasesRoute,
  getStaffTimelineRoute,
  getTimelineRoute,
  loadCalendarRoute,
  getCalendarRoute,
  rotateAccessTokenRoute,
  revokeAccessRoute,
  showSurveyRoute,
  showConfirmationRoute,
  showCaseStatusRoute,
  getKpiReportRoute,
  getBreachesRoute,
  getEscalationsRoute,
] as const satisfies readonly RouteContract[];
