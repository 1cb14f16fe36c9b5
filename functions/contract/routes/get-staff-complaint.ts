import { defineRoute } from '../define-route.ts';
import { ComplaintParams, StaffCase } from '../schemas.ts';

export const getStaffComplaintRoute = defineRoute({
  method: 'GET',
  path: '/staff/complaints/{id}',
  handler: 'api/get-staff-complaint',
  functionName: 'GetStaffComplaint',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'The whole case with its full timeline',
  description: "Supervisors see every case; an agent sees the unassigned pool, their own and their team's cases (403 otherwise).",
  request: { params: ComplaintParams },
  responses: {
    200: {
      description: 'The case, its timeline and the five most similar library cases',
      body: StaffCase,
    },
  },
  capabilities: ['readTable'],
});
