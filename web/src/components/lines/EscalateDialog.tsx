import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import type { Organisation } from '../../session';
import type { EscalateInput, RequirementKey, Ticket } from '../../types';
import { ErrorNote } from '../ErrorNote';
import { MissingInfo, emptyMissing, missingFrom, patchFor, type MissingValues } from './MissingInfo';
import { Modal } from './Modal';

/** The lines above the request's current one, lowest first (the first is the default: the next line). */
export function higherLines(org: Organisation, ticket: Ticket) {
  const current = org.lines.find((l) => l.id === ticket.line?.id);
  return org.lines.filter((l) => !current || l.level > current.level);
}

/**
 * Functional escalation: target line/team, reason from the catalogue, and the hand-over checklist.
 * A 422 ESCALATION_INFO_MISSING lists exactly what is missing; what staff can fill is saved first.
 */
export function EscalateDialog(props: { ticket: Ticket; org: Organisation; onClose: () => void; onDone: (t: Ticket) => void }) {
  const { t, locale } = useI18n();
  const { ticket, org } = props;
  const targets = higherLines(org, ticket);
  const [lineCode, setLineCode] = useState(targets[0]?.code ?? '');
  const [teamId, setTeamId] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [reasonText, setReasonText] = useState('');
  const [checked, setChecked] = useState('');
  const [found, setFound] = useState('');
  const [toldCustomer, setToldCustomer] = useState('');
  const [missing, setMissing] = useState<RequirementKey[]>([]);
  const [fill, setFill] = useState<MissingValues>(emptyMissing);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const line = targets.find((l) => l.code === lineCode);
  const teams = org.teams.filter((tm) => tm.lineId === line?.id);
  const ready = Boolean(lineCode && reasonCode && checked.trim() && found.trim() && toldCustomer.trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const patch = patchFor(missing, fill);
      if (patch) {
        // Fresh version: the request may have changed since the page loaded.
        const current = await api.getTicket(ticket.key);
        await api.updateTicket(ticket.key, current.version, patch);
      }
      const input: EscalateInput = {
        reasonCode,
        handover: { checked: checked.trim(), found: found.trim(), toldCustomer: toldCustomer.trim() },
      };
      if (lineCode !== targets[0]?.code) input.toLineCode = lineCode;
      if (teamId) input.toTeamId = teamId;
      if (reasonText.trim()) input.reasonText = reasonText.trim();
      props.onDone(await api.escalate(ticket.key, input));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ESCALATION_INFO_MISSING') setMissing(missingFrom(err.details));
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('lines.escalateTitle', { key: ticket.key })} onClose={props.onClose} testId="escalate-dialog">
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
              data-testid="escalate-line"
            >
              {targets.map((l, i) => (
                <option key={l.id} value={l.code}>
                  {i === 0 ? t('lines.nextLine', { code: l.code }) : l.code} · {locale === 'ru' ? l.nameRu : l.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('lines.targetTeam')}</span>
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="escalate-team">
              <option value="">{t('lines.autoTeam')}</option>
              {teams.map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {locale === 'ru' ? tm.nameRu : tm.nameEn}
                </option>
              ))}
            </select>
          </label>
        </div>
        {line && <p className="hint line-resp">{locale === 'ru' ? line.responsibilitiesRu : line.responsibilitiesEn}</p>}
        <div className="row">
          <label className="field">
            <span>
              {t('lines.reason')} <em className="req">*</em>
            </span>
            <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} required data-testid="escalate-reason">
              <option value="">{t('new.pick')}</option>
              {org.reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {locale === 'ru' ? r.nameRu : r.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('lines.reasonText')}</span>
            <input value={reasonText} onChange={(e) => setReasonText(e.target.value)} data-testid="escalate-reason-text" />
          </label>
        </div>
        <fieldset className="handover-form">
          <legend>{t('lines.handoverTitle')}</legend>
          <p className="hint">{t('lines.handoverHint')}</p>
          {(
            [
              ['checked', checked, setChecked, 'lines.checked'],
              ['found', found, setFound, 'lines.found'],
              ['told', toldCustomer, setToldCustomer, 'lines.toldCustomer'],
            ] as const
          ).map(([id, value, set, label]) => (
            <label key={id} className="field">
              <span>
                {t(label)} <em className="req">*</em>
              </span>
              <textarea rows={2} value={value} required onChange={(e) => set(e.target.value)} data-testid={`handover-${id}-input`} />
            </label>
          ))}
        </fieldset>
        {missing.length > 0 && <MissingInfo missing={missing} values={fill} onChange={setFill} />}
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !ready} data-testid="escalate-submit">
            {busy ? t('lines.busy') : patchFor(missing, fill) ? t('lines.saveAndEscalate') : t('lines.escalate')}
          </button>
          <button type="button" className="btn" onClick={props.onClose} data-testid="escalate-cancel">
            {t('lines.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
