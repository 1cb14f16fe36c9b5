/**
 * Every HTTP route, once: the CDK API construct and the local HTTP front are
 * both built from this list, so a route cannot exist in one place only.
 */
export type Access = 'public' | 'customer' | 'staff';
export type StaffGroup = 'agents' | 'supervisors';

export interface RouteDeclaration {
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway path syntax: `{name}` is a path parameter. */
  path: string;
  /** Handler module under functions/handlers/, without extension; it exports `handler`. */
  handler: string;
  /** Logical name of the function in CDK. */
  functionName: string;
  access: Access;
  /** Staff routes: the Cognito groups allowed (checked by the handler from the authorizer claims). */
  groups?: readonly StaffGroup[];
  summary: string;
}

export const routes = [
  {
    method: 'POST',
    path: '/complaints',
    handler: 'api/file-complaint',
    functionName: 'FileComplaint',
    access: 'public',
    summary: 'File a complaint',
  },
  {
    method: 'GET',
    path: '/complaints/{id}',
    handler: 'api/get-complaint',
    functionName: 'GetComplaint',
    access: 'customer',
    summary: 'The case as its customer may see it',
  },
  {
    method: 'POST',
    path: '/complaints/{id}/confirmation',
    handler: 'api/confirm-resolution',
    functionName: 'ConfirmResolution',
    access: 'customer',
    summary: 'Accept or reject the resolution',
  },
  {
    method: 'POST',
    path: '/surveys/{token}',
    handler: 'api/answer-survey',
    functionName: 'AnswerSurvey',
    access: 'public',
    summary: 'Answer the satisfaction survey',
  },
  {
    method: 'GET',
    path: '/staff/complaints/{id}',
    handler: 'api/get-staff-complaint',
    functionName: 'GetStaffComplaint',
    access: 'staff',
    groups: ['agents', 'supervisors'],
    summary: 'The whole case with its full timeline',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/claim',
    handler: 'api/claim-complaint',
    functionName: 'ClaimComplaint',
    access: 'staff',
    groups: ['agents'],
    summary: 'Take first-contact ownership',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/responses',
    handler: 'api/record-response',
    functionName: 'RecordResponse',
    access: 'staff',
    groups: ['agents'],
    summary: 'Answer the customer',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/resolution',
    handler: 'api/record-resolution',
    functionName: 'RecordResolution',
    access: 'staff',
    groups: ['agents'],
    summary: 'Record the resolution (owning agent)',
  },
  {
    method: 'POST',
    path: '/complaints/{id}/replies',
    handler: 'api/reply-to-complaint',
    functionName: 'ReplyToComplaint',
    access: 'customer',
    summary: "The customer's reply; answers an information request and restarts the paused clock",
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/info-requests',
    handler: 'api/request-information',
    functionName: 'RequestInformation',
    access: 'staff',
    groups: ['agents'],
    summary: 'Ask the customer for information (owning agent); pauses the resolution clock',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/escalations',
    handler: 'api/escalate-by-hand',
    functionName: 'EscalateByHand',
    access: 'staff',
    groups: ['supervisors'],
    summary: 'Escalate by hand to a level',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/escalations/ack',
    handler: 'api/acknowledge-escalations',
    functionName: 'AcknowledgeEscalations',
    access: 'staff',
    groups: ['supervisors'],
    summary: 'Acknowledge escalations; stops their repeats',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/assignment',
    handler: 'api/reassign-complaint',
    functionName: 'ReassignComplaint',
    access: 'staff',
    groups: ['supervisors'],
    summary: 'Reassign the case to another agent',
  },
  {
    method: 'GET',
    path: '/staff/policies',
    handler: 'api/get-policies',
    functionName: 'GetPolicies',
    access: 'staff',
    groups: ['agents', 'supervisors'],
    summary: 'The SLA policy in force',
  },
  {
    method: 'PUT',
    path: '/staff/customers/{id}',
    handler: 'api/set-customer-tier',
    functionName: 'SetCustomerTier',
    access: 'staff',
    groups: ['supervisors'],
    summary: "Set a customer's tier (standard or vip)",
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/severity',
    handler: 'api/regrade-complaint',
    functionName: 'RegradeComplaint',
    access: 'staff',
    groups: ['supervisors'],
    summary: "Re-grade a complaint's severity; its deadlines follow the new targets",
  },
  {
    method: 'GET',
    path: '/staff/queue',
    handler: 'api/get-staff-queue',
    functionName: 'GetStaffQueue',
    access: 'staff',
    groups: ['agents', 'supervisors'],
    summary: 'Open cases, nearest deadline first, with priority; filter by phase, category, escalation level',
  },
  {
    method: 'GET',
    path: '/staff/cases',
    handler: 'api/search-cases',
    functionName: 'SearchCases',
    access: 'staff',
    groups: ['agents', 'supervisors'],
    summary: 'Search the case library (zh and en) by category, words and closing time',
  },
  {
    method: 'GET',
    path: '/staff/complaints/{id}/timeline',
    handler: 'api/get-staff-timeline',
    functionName: 'GetStaffTimeline',
    access: 'staff',
    groups: ['agents', 'supervisors'],
    summary: 'Page through the audit trail',
  },
  {
    method: 'GET',
    path: '/complaints/{id}/timeline',
    handler: 'api/get-timeline',
    functionName: 'GetTimeline',
    access: 'customer',
    summary: 'Page through the customer-visible events',
  },
  {
    method: 'PUT',
    path: '/staff/calendar',
    handler: 'api/load-calendar',
    functionName: 'LoadCalendar',
    access: 'staff',
    groups: ['supervisors'],
    summary: 'Load calendar entries (JSON or iCalendar); recomputes provisional deadlines',
  },
  {
    method: 'POST',
    path: '/complaints/{id}/access-token',
    handler: 'api/rotate-access-token',
    functionName: 'RotateAccessToken',
    access: 'customer',
    summary: 'Replace the case access token; the old one and its links stop working',
  },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/access-revocation',
    handler: 'api/revoke-access',
    functionName: 'RevokeAccess',
    access: 'staff',
    groups: ['supervisors'],
    summary: "Revoke a leaked access token; a new one is emailed to the customer's address on file",
  },
  {
    method: 'GET',
    path: '/surveys/{token}',
    handler: 'api/show-survey',
    functionName: 'ShowSurvey',
    access: 'public',
    summary: 'The survey form behind the link in the survey email (HTML)',
  },
  {
    method: 'GET',
    path: '/complaints/{id}/confirmation',
    handler: 'api/show-confirmation',
    functionName: 'ShowConfirmation',
    access: 'customer',
    summary: 'The resolution and its accept or reject buttons behind the link in the resolution email (HTML)',
  },
] as const satisfies readonly RouteDeclaration[];
