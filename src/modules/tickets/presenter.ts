import type { Locale } from '../../db/schema.js';
import type { TicketSummaryRow } from './queries.js';

export function presentSummary(r: TicketSummaryRow, locale: Locale = 'en') {
  return {
    id: r.id,
    key: r.key,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    type: r.type,
    channel: r.channel,
    organization: { id: r.organization_id, name: r.organization_name },
    requester: { id: r.requester_id, name: r.requester_name },
    line: r.line_id && r.line_code ? { id: r.line_id, code: r.line_code } : null,
    team:
      r.team_id && r.team_code
        ? { id: r.team_id, code: r.team_code, name: (locale === 'ru' ? r.team_name_ru : r.team_name_en) ?? r.team_code }
        : null,
    assignee: r.assignee_id && r.assignee_name ? { id: r.assignee_id, name: r.assignee_name } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export type TicketSummary = ReturnType<typeof presentSummary>;
