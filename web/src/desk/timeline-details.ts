/** What an agent reads in an event: the words exchanged and the decisions, not the bookkeeping. */
const shownDetails = ['message', 'question', 'reply', 'text', 'rootCause', 'resolution', 'compensation', 'level', 'reason', 'note', 'agentId', 'team', 'from', 'to', 'severity', 'comment', 'csat', 'nps'];

export function detailText(details: Record<string, unknown>): string {
  return shownDetails
    .filter((key) => details[key] !== undefined && details[key] !== null && details[key] !== '')
    .map((key) => {
      const value = details[key];
      return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(' · ');
}

