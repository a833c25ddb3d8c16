import { useState } from 'react';
import { useI18n } from '../i18n';
import { PrioritySelect } from './EnumSelect';
import { type Directory, type Me, type Status, type Ticket, type TicketPatch } from '../types';

/** The agent's actions on a request: assign, priority, routing, status. Each calls back with one change. */
export function AgentControls(props: {
  ticket: Ticket;
  me: Me;
  directory: Directory | null;
  busy: boolean;
  onPatch: (patch: TicketPatch) => void;
  onStatus: (status: Status, comment: string) => void;
}) {
  const { t, locale } = useI18n();
  const { ticket, directory } = props;
  const [next, setNext] = useState<Status | ''>('');
  const [comment, setComment] = useState('');
  const assignedToMe = ticket.assignee?.id === props.me.id;
  const teams = directory?.teams.filter((tm) => tm.lineId === ticket.line?.id) ?? [];
  const valid = next !== '' && ticket.allowedTransitions.includes(next);

  return (
    <section className="card controls" data-testid="agent-controls">
      <div className="control-row">
        <button
          type="button"
          className="btn"
          disabled={props.busy || assignedToMe}
          onClick={() => props.onPatch({ assigneeId: props.me.id })}
          data-testid="assign-me"
        >
          {t('ticket.assignToMe')}
        </button>
        <label className="field inline">
          <span>{t('field.priority')}</span>
          <PrioritySelect value={ticket.priority} disabled={props.busy} onChange={(v) => v && props.onPatch({ priority: v })} testId="priority-select" />
        </label>
        {directory && (
          <>
            <label className="field inline">
              <span>{t('field.line')}</span>
              <select
                value={ticket.line?.id ?? ''}
                disabled={props.busy}
                onChange={(e) => e.target.value && props.onPatch({ lineId: e.target.value })}
                data-testid="line-select"
              >
                {!ticket.line && <option value="">{t('ticket.none')}</option>}
                {directory.lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.code}
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline">
              <span>{t('field.team')}</span>
              <select
                value={ticket.team?.id ?? ''}
                disabled={props.busy || teams.length === 0}
                onChange={(e) => e.target.value && props.onPatch({ teamId: e.target.value })}
                data-testid="team-select"
              >
                <option value="">{t('ticket.none')}</option>
                {teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>
                    {locale === 'ru' ? tm.nameRu : tm.nameEn}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <form
        className="control-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          props.onStatus(next, comment.trim());
          setNext('');
          setComment('');
        }}
      >
        {ticket.allowedTransitions.length === 0 ? (
          <span className="muted small">{t('ticket.noTransitions')}</span>
        ) : (
          <>
            <label className="field inline">
              <span>{t('ticket.changeStatus')}</span>
              <select value={next} onChange={(e) => setNext(e.target.value as Status | '')} data-testid="status-select">
                <option value="">—</option>
                {ticket.allowedTransitions.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <input
              className="grow"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('ticket.statusComment')}
              data-testid="status-comment"
            />
            <button type="submit" className="btn btn-primary" disabled={props.busy || !valid} data-testid="status-apply">
              {t('ticket.apply')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
