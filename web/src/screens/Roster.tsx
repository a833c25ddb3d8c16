import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { loadOrganisation, useSession } from '../session';
import { useLoad } from '../useLoad';
import { ErrorNote } from '../components/ErrorNote';
import { ShiftForm } from '../components/lines/ShiftForm';
import type { RosterEntry } from '../types';

/** "2026-11-27T09:00:00" (desk-local, from the API) → "2026-11-27 09:00". */
const local = (s: string) => s.replace('T', ' ').slice(0, 16);

/** Who is on shift now (or at a chosen instant), grouped by line and team; a shift form for managers. */
export function Roster() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [at, setAt] = useState('');
  const [shownAt, setShownAt] = useState('');
  const roster = useLoad(() => api.roster(shownAt ? new Date(shownAt).toISOString() : undefined), `roster:${shownAt}`);
  const org = useLoad(loadOrganisation, 'organisation');
  const canEdit = me.staffRole === 'admin' || me.staffRole === 'duty_manager';

  const groups = new Map<string, RosterEntry[]>();
  for (const e of roster.data?.onShift ?? []) {
    const k = `${e.line}\u0000${e.team.id}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const teamName = (id: string, code: string) => {
    const tm = org.data?.teams.find((x) => x.id === id);
    return tm ? (locale === 'ru' ? tm.nameRu : tm.nameEn) : code;
  };

  return (
    <div className="page" data-testid="roster-page">
      <div className="page-head">
        <h1>{t('roster.title')}</h1>
        <span className="spacer" />
        <form
          className="control-row"
          onSubmit={(e) => {
            e.preventDefault();
            setShownAt(at);
          }}
        >
          <label className="field inline">
            <span>{t('roster.at')}</span>
            <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="roster-at" />
          </label>
          <button type="submit" className="btn" data-testid="roster-show">
            {t('roster.show')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setAt('');
              setShownAt('');
              roster.reload();
            }}
          >
            {t('roster.now')}
          </button>
        </form>
      </div>
      <ErrorNote error={roster.error} onRetry={roster.reload} />
      {roster.data && (
        <p className="muted small" data-testid="roster-time">
          {t('roster.deskTime', { time: local(roster.data.localTime), tz: roster.data.deskTimeZone })}
        </p>
      )}
      {roster.data && groups.size === 0 && <p className="empty" data-testid="roster-empty">{t('roster.empty')}</p>}
      {groups.size > 0 && (
        <table className="table tickets roster" data-testid="roster-table">
          <thead>
            <tr>
              <th>{t('field.line')}</th>
              <th>{t('field.team')}</th>
              <th>{t('roster.agent')}</th>
              <th>{t('roster.from')}</th>
              <th>{t('roster.to')}</th>
            </tr>
          </thead>
          <tbody>
            {[...groups.values()].flatMap((entries) =>
              entries.map((e, i) => (
                <tr key={e.shiftId} data-testid="roster-row" data-line={e.line} data-team={e.team.code}>
                  <td className="mono">{i === 0 ? e.line : ''}</td>
                  <td>{i === 0 ? teamName(e.team.id, e.team.code) : ''}</td>
                  <td data-testid="roster-agent">
                    {e.agent.name} {e.handedOver && <span className="badge status-closed">{t('roster.handedOver')}</span>}
                  </td>
                  <td className="nowrap">{local(e.startsLocal)}</td>
                  <td className="nowrap">{local(e.endsLocal)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {canEdit && org.data && <ShiftForm org={org.data} onAdded={roster.reload} />}
      {canEdit && <ErrorNote error={org.error} onRetry={org.reload} />}
    </div>
  );
}
