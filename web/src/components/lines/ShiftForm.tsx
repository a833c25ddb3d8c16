import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { Organisation } from '../../session';
import { ErrorNote } from '../ErrorNote';

const today = () => new Date().toISOString().slice(0, 10);

/** Adds a shift as a desk-local date with HH:MM from/to (duty managers and admins). */
export function ShiftForm({ org, onAdded }: { org: Organisation; onAdded: () => void }) {
  const { t, locale } = useI18n();
  const [teamId, setTeamId] = useState('');
  const [userId, setUserId] = useState('');
  const [date, setDate] = useState(today);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('21:00');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const team = org.teams.find((tm) => tm.id === teamId);
  const ready = Boolean(teamId && userId && date && from && to);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.addShift({ teamId, userId, date, from, to });
      setDone(true);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card shift-form" onSubmit={submit} data-testid="shift-form">
      <h2>{t('roster.addTitle')}</h2>
      <div className="row">
        <label className="field">
          <span>{t('field.team')}</span>
          <select
            value={teamId}
            onChange={(e) => {
              setTeamId(e.target.value);
              setUserId('');
            }}
            data-testid="shift-team"
          >
            <option value="">{t('new.pick')}</option>
            {org.lines.map((l) => (
              <optgroup key={l.id} label={l.code}>
                {org.teams
                  .filter((tm) => tm.lineId === l.id)
                  .map((tm) => (
                    <option key={tm.id} value={tm.id}>
                      {locale === 'ru' ? tm.nameRu : tm.nameEn}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('roster.agent')}</span>
          <select value={userId} onChange={(e) => setUserId(e.target.value)} disabled={!team} data-testid="shift-agent">
            <option value="">{t('new.pick')}</option>
            {team?.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('roster.date')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="shift-date" />
        </label>
        <label className="field">
          <span>{t('roster.fromTime')}</span>
          <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="shift-from" />
        </label>
        <label className="field">
          <span>{t('roster.toTime')}</span>
          <input type="time" value={to} onChange={(e) => setTo(e.target.value)} data-testid="shift-to" />
        </label>
      </div>
      <p className="hint">{t('roster.overnight')}</p>
      <ErrorNote error={error} />
      {done && (
        <div className="alert alert-ok" role="status" data-testid="shift-added">
          {t('roster.added')}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !ready} data-testid="shift-submit">
          {t('roster.add')}
        </button>
      </div>
    </form>
  );
}
