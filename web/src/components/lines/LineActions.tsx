import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { Organisation } from '../../session';
import type { ManagerEscalation, Me, Ownership, Ticket } from '../../types';
import { EscalateDialog, higherLines } from './EscalateDialog';
import { ManagerDialog } from './ManagerDialog';
import { ReturnDialog } from './ReturnDialog';

type Open = 'escalate' | 'return' | 'manager' | null;

/**
 * Line work on a request: take, assign within the working line, escalate, return, raise to the duty
 * manager. Take/assign go through `act` (the page's busy/conflict handling); the dialogs report back.
 */
export function LineActions(props: {
  ticket: Ticket;
  me: Me;
  org: Organisation | null;
  ownership: Ownership | null;
  busy: boolean;
  onTake: () => void;
  onAssign: (assigneeId: string | null) => void;
  onMoved: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const { ticket, org, ownership } = props;
  const [open, setOpen] = useState<Open>(null);
  const [assignee, setAssignee] = useState('');
  const [notice, setNotice] = useState('');
  const closed = ticket.status === 'resolved' || ticket.status === 'closed';
  const current = org?.lines.find((l) => l.id === ticket.line?.id);
  const canEscalate = !closed && org !== null && higherLines(org, ticket).length > 0;
  const canReturn = !closed && org !== null && current !== undefined && org.lines.some((l) => l.level < current.level);
  const mineLine = props.me.lines.some((l) => l.id === ticket.line?.id);
  const candidates = new Map<string, string>();
  for (const tm of org?.teams ?? []) {
    if (tm.lineId !== ticket.line?.id || (ticket.team && tm.id !== ticket.team.id)) continue;
    for (const m of tm.members) candidates.set(m.userId, m.name);
  }
  const teamName = (id: string | null | undefined) => {
    const tm = org?.teams.find((x) => x.id === id);
    return tm ? (locale === 'ru' ? tm.nameRu : tm.nameEn) : null;
  };
  const side = (s: Ownership['customerFacing']) => (s?.line ? [s.line.code, teamName(s.teamId)].filter(Boolean).join(' · ') : t('ticket.none'));

  const managerDone = (m: ManagerEscalation) => {
    setOpen(null);
    setNotice(m.managerId ? t('lines.managerDone') : t('lines.managerNoManager'));
  };

  return (
    <section className="card controls line-actions" data-testid="line-actions">
      <div className="control-row">
        <button
          type="button"
          className="btn"
          disabled={props.busy || closed || ticket.assignee?.id === props.me.id || !mineLine}
          onClick={props.onTake}
          data-testid="take"
        >
          {t('lines.take')}
        </button>
        <label className="field inline">
          <span>{t('lines.assignTo')}</span>
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={props.busy || closed} data-testid="assign-select">
            <option value="">{t('new.pick')}</option>
            <option value="none">{t('lines.unassigned')}</option>
            {[...candidates].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          disabled={props.busy || !assignee}
          onClick={() => {
            props.onAssign(assignee === 'none' ? null : assignee);
            setAssignee('');
          }}
          data-testid="assign-apply"
        >
          {t('lines.assign')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" disabled={props.busy || !canEscalate} onClick={() => setOpen('escalate')} data-testid="escalate-open">
          {t('lines.escalate')}
        </button>
        <button type="button" className="btn" disabled={props.busy || !canReturn} onClick={() => setOpen('return')} data-testid="return-open">
          {t('lines.return')}
        </button>
        <button type="button" className="btn" disabled={props.busy || closed} onClick={() => setOpen('manager')} data-testid="manager-open">
          {t('lines.managerEscalate')}
        </button>
      </div>
      {ownership?.working && (
        <div className="control-row small ownership" data-testid="ownership">
          <span>
            <span className="muted">{t('lines.working')}:</span> <strong data-testid="ownership-working">{side(ownership.working)}</strong>
          </span>
          <span>
            <span className="muted">{t('lines.customerFacing')}:</span> <strong data-testid="ownership-customer">{side(ownership.customerFacing)}</strong>
          </span>
          <span className="muted">{t('lines.counts', { e: ownership.escalations ?? 0, r: ownership.returns ?? 0 })}</span>
        </div>
      )}
      {notice && (
        <div className="alert alert-ok" role="status" data-testid="line-notice">
          {notice}
        </div>
      )}
      {open === 'escalate' && org && (
        <EscalateDialog
          ticket={ticket}
          org={org}
          onClose={() => setOpen(null)}
          onDone={(tk) => {
            setOpen(null);
            props.onMoved(t('lines.escalatedToast', { line: tk.line?.code ?? '' }));
          }}
        />
      )}
      {open === 'return' && org && (
        <ReturnDialog
          ticket={ticket}
          org={org}
          onClose={() => setOpen(null)}
          onDone={(tk) => {
            setOpen(null);
            props.onMoved(t('lines.returnedToast', { line: tk.line?.code ?? '' }));
          }}
        />
      )}
      {open === 'manager' && <ManagerDialog ticket={ticket} onClose={() => setOpen(null)} onDone={managerDone} />}
    </section>
  );
}
