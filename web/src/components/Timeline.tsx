import { isMessageKey, useI18n, type I18n, type MessageKey } from '../i18n';
import type { Directory, TimelineEvent, TimelineItem, TimelineMessage } from '../types';

const FIELD_LABELS: Record<string, MessageKey> = {
  status: 'field.status',
  priority: 'field.priority',
  type: 'field.type',
  subject: 'field.subject',
  description: 'field.description',
  assigneeId: 'field.assignee',
  assignee: 'field.assignee',
  lineId: 'field.line',
  line: 'field.line',
  teamId: 'field.team',
  team: 'field.team',
  catalogueItemId: 'field.catalogueItem',
  catalogueItem: 'field.catalogueItem',
  region: 'field.region',
  projectId: 'field.projectId',
  resourceIds: 'field.resourceIds',
  rating: 'field.rating',
  organizationId: 'field.organization',
};

/** A changed value as a person reads it: labels for enums, names for ids we know. */
function formatValue(field: string, value: unknown, i18n: I18n, dir: Directory | null): string {
  if (value === null || value === undefined || value === '') return i18n.t('ticket.none');
  if (typeof value === 'string') {
    const enumKey = `${field}.${value}`;
    if ((field === 'status' || field === 'priority' || field === 'type') && isMessageKey(enumKey)) return i18n.t(enumKey);
    if (dir && (field === 'assigneeId' || field === 'assignee')) return dir.agents.find((a) => a.id === value)?.name ?? value;
    if (dir && (field === 'lineId' || field === 'line')) return dir.lines.find((l) => l.id === value)?.code ?? value;
    if (dir && (field === 'teamId' || field === 'team')) {
      const team = dir.teams.find((tm) => tm.id === value);
      return team ? (i18n.locale === 'ru' ? team.nameRu : team.nameEn) : value;
    }
    if (dir && field === 'organizationId') return dir.organizations.find((o) => o.id === value)?.name ?? value;
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : i18n.t('ticket.none');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['name', i18n.locale === 'ru' ? 'nameRu' : 'nameEn', 'code', 'key']) {
      if (typeof o[k] === 'string') return o[k];
    }
    return JSON.stringify(value);
  }
  return String(value);
}

function EventRow({ ev, i18n, dir }: { ev: TimelineEvent; i18n: I18n; dir: Directory | null }) {
  const { t, dt } = i18n;
  const typeKey = `event.${ev.type.replace(/^ticket[._]/, '')}`;
  const label = isMessageKey(typeKey) ? t(typeKey) : t('event.other', { type: ev.type });
  const changes = Object.entries(ev.changes ?? {});
  return (
    <li className="tl-event" data-testid="timeline-event" data-type={ev.type}>
      <span className="tl-time">{dt(ev.createdAt)}</span>
      <span>
        <strong>{ev.actor?.name ?? t('ticket.someone')}</strong> {label}
        {changes.length > 0 && (
          <span className="tl-changes">
            {changes.map(([field, ch]) => {
              const lk = FIELD_LABELS[field];
              return (
                <span key={field} className="tl-change" data-testid="timeline-change" data-field={field}>
                  {lk ? t(lk) : field}: <span className="from">{formatValue(field, ch.from, i18n, dir)}</span> →{' '}
                  <span className="to">{formatValue(field, ch.to, i18n, dir)}</span>
                </span>
              );
            })}
          </span>
        )}
      </span>
    </li>
  );
}

function MessageRow({ msg, i18n }: { msg: TimelineMessage; i18n: I18n }) {
  const { t, dt } = i18n;
  const internal = msg.visibility === 'internal';
  const authorKind = msg.author?.kind ?? 'system';
  const kindKey = `author.${authorKind}`;
  return (
    <li
      className={`tl-msg ${internal ? 'internal' : 'public'} author-${authorKind}`}
      data-testid={internal ? 'timeline-note' : 'timeline-message'}
      data-visibility={msg.visibility}
    >
      <div className="tl-msg-head">
        {msg.author && <strong>{msg.author.name}</strong>}
        <span className="muted small">{isMessageKey(kindKey) ? t(kindKey) : authorKind}</span>
        {internal && <span className="badge badge-internal">{t('ticket.internalBadge')}</span>}
        <span className="spacer" />
        <span className="tl-time">{dt(msg.createdAt)}</span>
      </div>
      <div className="tl-body">{msg.body}</div>
      {msg.attachments.length > 0 && (
        <div className="tl-attachments small">
          {t('ticket.attachments')}:{' '}
          {msg.attachments.map((a) => (
            <span key={a.id} className="attachment">
              {a.fileName} <span className="muted">({t('ticket.kb', { n: Math.ceil(a.sizeBytes / 1024) })})</span>
            </span>
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * Messages and history, oldest first. Customers see public messages only — the server already filters,
 * and the page filters again so an internal note can never be shown to a customer by mistake.
 */
export function Timeline(props: { items: TimelineItem[]; audience: 'customer' | 'agent'; directory?: Directory | null }) {
  const i18n = useI18n();
  const items = props.audience === 'customer' ? props.items.filter((i) => i.kind === 'event' || i.visibility === 'public') : props.items;
  if (items.length === 0) return <p className="muted">{i18n.t('ticket.noMessages')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item) =>
        item.kind === 'message' ? (
          <MessageRow key={item.id} msg={item} i18n={i18n} />
        ) : (
          <EventRow key={item.id} ev={item} i18n={i18n} dir={props.directory ?? null} />
        ),
      )}
    </ol>
  );
}
