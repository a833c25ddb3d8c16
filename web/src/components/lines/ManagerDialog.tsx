import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { ManagerEscalation, Ticket } from '../../types';
import { ErrorNote } from '../ErrorNote';
import { Modal } from './Modal';

/** Hierarchical escalation: raise the request to the duty manager with a reason. */
export function ManagerDialog(props: { ticket: Ticket; onClose: () => void; onDone: (m: ManagerEscalation) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      props.onDone(await api.managerEscalate(props.ticket.key, reason.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('lines.managerTitle', { key: props.ticket.key })} onClose={props.onClose} testId="manager-dialog">
      <form onSubmit={submit}>
        <label className="field">
          <span>
            {t('lines.managerReason')} <em className="req">*</em>
          </span>
          <textarea rows={3} value={reason} required onChange={(e) => setReason(e.target.value)} data-testid="manager-reason" />
        </label>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()} data-testid="manager-submit">
            {busy ? t('lines.busy') : t('lines.managerSubmit')}
          </button>
          <button type="button" className="btn" onClick={props.onClose}>
            {t('lines.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
