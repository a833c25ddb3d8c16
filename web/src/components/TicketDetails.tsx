import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import type { Directory, Ticket } from '../types';
import { PriorityBadge, StatusBadge } from './Badges';
import { catalogueName } from './CataloguePicker';

/** The facts of a request, as a compact definition list. Agents see routing and the version too. */
export function TicketDetails(props: { ticket: Ticket; audience: 'customer' | 'agent'; directory?: Directory | null }) {
  const { ticket, audience } = props;
  const { t, dt, locale } = useI18n();
  const agent = audience === 'agent';
  const rows: Array<[MessageKey, ReactNode, string?]> = [
    ['field.status', <StatusBadge status={ticket.status} />, 'detail-status'],
    ['field.priority', <PriorityBadge priority={ticket.priority} />, 'detail-priority'],
    ['field.type', t(`type.${ticket.type}`)],
    ['field.channel', t(`channel.${ticket.channel}`)],
    ['field.organization', ticket.organization.name],
    ['field.requester', ticket.requester.name],
  ];
  if (agent) {
    rows.push(['field.line', ticket.line?.code ?? t('ticket.none'), 'detail-line']);
    // The directory has the team's name in both languages; the ticket carries one.
    const team = ticket.team ? props.directory?.teams.find((tm) => tm.id === ticket.team?.id) : undefined;
    const teamName = team ? (locale === 'ru' ? team.nameRu : team.nameEn) : ticket.team?.name;
    rows.push(['field.team', teamName ?? t('ticket.none'), 'detail-team']);
  }
  rows.push(['field.assignee', ticket.assignee?.name ?? t('queue.unassigned'), 'detail-assignee']);
  rows.push(['field.catalogueItem', ticket.catalogueItem ? catalogueName(ticket.catalogueItem, locale) : t('ticket.none')]);
  rows.push(['field.region', ticket.region ?? t('ticket.none')]);
  rows.push(['field.projectId', ticket.projectId ? <span className="mono">{ticket.projectId}</span> : t('ticket.none'), 'detail-project']);
  rows.push([
    'field.resourceIds',
    ticket.resourceIds.length ? (
      <span className="mono small">
        {ticket.resourceIds.map((r) => (
          <span key={r} className="resource-id">
            {r}
          </span>
        ))}
      </span>
    ) : (
      t('ticket.none')
    ),
  ]);
  rows.push(['field.created', dt(ticket.createdAt)]);
  rows.push(['field.updated', dt(ticket.updatedAt)]);
  rows.push(['field.firstResponse', dt(ticket.firstResponseAt)]);
  if (ticket.resolvedAt) rows.push(['field.resolved', dt(ticket.resolvedAt)]);
  if (ticket.closedAt) rows.push(['field.closed', dt(ticket.closedAt)]);
  if (ticket.rating !== null) rows.push(['field.rating', t('ticket.ratedAs', { n: ticket.rating })]);
  if (agent && ticket.watchers.length) rows.push(['field.watchers', ticket.watchers.map((w) => w.name).join(', ')]);
  if (agent) rows.push(['field.version', <span className="mono">v{ticket.version}</span>, 'ticket-version']);

  return (
    <section className="card details" data-testid="ticket-details">
      <h2>{t('ticket.details')}</h2>
      <dl>
        {rows.map(([label, value, testId]) => (
          <div key={label} className="dl-row">
            <dt>{t(label)}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
