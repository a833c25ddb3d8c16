import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { Organisation } from '../../session';
import type { ReturnInput, Ticket } from '../../types';
import { ErrorNote } from '../ErrorNote';
import { Modal } from './Modal';

/** De-escalation to a lower line (default: the one that escalated it) with instructions. */
export function ReturnDialog(props: { ticket: Ticket; org: Organisation; onClose: () => void; onDone: (t: Ticket) => void }) {
  const { t, locale } = useI18n();
  const { ticket, org } = props;
  const current = org.lines.find((l) => l.id === ticket.line?.id);
  const lower = org.lines.filter((l) => current && l.level < current.level);
  const [lineCode, setLineCode] = useState('');
  const [teamId, setTeamId] = useState('');
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const line = lower.find((l) => l.code === lineCode);
  const teams = line ? org.teams.filter((tm) => tm.lineId === line.id) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!instructions.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const input: ReturnInput = { instructions: instructions.trim() };
      if (lineCode) input.toLineCode = lineCode;
      if (teamId) input.toTeamId = teamId;
      props.onDone(await api.returnTicket(ticket.key, input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('lines.returnTitle', { key: ticket.key })} onClose={props.onClose} testId="return-dialog">
      <form onSubmit={submit}>
        <div className="row">
          <label className="field">
            <span>{t('lines.targetLine')}</span>
            <select
              value={lineCode}
              onChange={(e) => {
                setLineCode(e.target.value);
                setTeamId('');
              }}
              data-testid="return-line"
            >
              <option value="">{t('lines.defaultLower')}</option>
              {lower.map((l) => (
                <option key={l.id} value={l.code}>
                  {l.code} · {locale === 'ru' ? l.nameRu : l.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('lines.targetTeam')}</span>
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)} disabled={!line} data-testid="return-team">
              <option value="">{t('lines.autoTeam')}</option>
              {teams.map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {locale === 'ru' ? tm.nameRu : tm.nameEn}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>
            {t('lines.instructions')} <em className="req">*</em>
          </span>
          <textarea
            rows={4}
            value={instructions}
            required
            placeholder={t('lines.instructionsHint')}
            onChange={(e) => setInstructions(e.target.value)}
            data-testid="return-instructions"
          />
        </label>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !instructions.trim()} data-testid="return-submit">
            {busy ? t('lines.busy') : t('lines.submitReturn')}
          </button>
          <button type="button" className="btn" onClick={props.onClose}>
            {t('lines.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
