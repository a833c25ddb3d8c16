import { useI18n } from '../i18n';
import { linkHandler, ticketHref } from '../router';
import type { SearchHit, TicketSummary } from '../types';
import { PriorityBadge, StatusBadge } from './Badges';
import { SlaBadge } from './sla/SlaBadge';
import type { QueueSla } from './sla/useQueueSla';

type Row = TicketSummary & Partial<Pick<SearchHit, 'snippet'>> & { massOutageId?: string | null }; // similarity: the mass-outage flag

/** The request list: a short one for customers, with routing columns for agents. */
/** `sla`: the nearest SLA clock per key, for a badge column (agents' queue). */
export function TicketTable({ items, variant, sla }: { items: Row[]; variant: 'customer' | 'agent'; sla?: QueueSla }) {
  const { t, dt } = useI18n();
  const agent = variant === 'agent';
  return (
    <table className="table tickets" data-testid="ticket-table">
      <thead>
        <tr>
          <th>{t('field.status')}</th>
          <th>{t('field.priority')}</th>
          {sla && <th>{t('sla.column')}</th>}
          <th>{t('field.key')}</th>
          <th className="wide">{t('field.subject')}</th>
          {agent && <th>{t('field.organization')}</th>}
          {agent && <th>{t('field.line')}</th>}
          {agent && <th>{t('field.assignee')}</th>}
          <th>{t('field.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid="ticket-row" data-key={item.key} className={`row-${item.status}`}>
            <td>
              <StatusBadge status={item.status} />
            </td>
            <td>
              <PriorityBadge priority={item.priority} />
            </td>
            {sla && (
              <td className="nowrap" data-testid="sla-cell">
                {(() => {
                  const clock = sla.get(item.key);
                  return clock ? <SlaBadge clock={clock} /> : null;
                })()}
              </td>
            )}
            <td className="mono nowrap">
              <a href={ticketHref(item.key)} onClick={linkHandler(ticketHref(item.key))} data-testid="ticket-link">
                {item.key}
              </a>
            </td>
            <td className="wide">
              <a href={ticketHref(item.key)} onClick={linkHandler(ticketHref(item.key))} className="subject-link">
                {item.subject}
              </a>
              <span className="muted small type-tag">{t(`type.${item.type}`)}</span>
              {item.massOutageId && (
                <span className="badge badge-internal" title={t('similar.outage.badgeTitle')} data-testid="mass-outage-badge">
                  {t('similar.outage.badge')}
                </span>
              )}
              {item.snippet && <div className="snippet small muted">{plainSnippet(item.snippet)}</div>}
            </td>
            {agent && <td className="nowrap">{item.organization.name}</td>}
            {agent && (
              <td className="nowrap">
                {item.line?.code ?? t('ticket.none')}
                {item.team && <span className="muted small"> / {item.team.name}</span>}
              </td>
            )}
            {agent && (
              <td className="nowrap" data-testid="ticket-assignee">
                {item.assignee?.name ?? <span className="muted">{t('queue.unassigned')}</span>}
              </td>
            )}
            <td className="nowrap muted" title={item.updatedAt}>
              {dt(item.updatedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Search snippets may carry highlight markup; show them as text, never as HTML. */
function plainSnippet(s: string): string {
  return s.replace(/<\/?[a-z][^>]*>/gi, '');
}
