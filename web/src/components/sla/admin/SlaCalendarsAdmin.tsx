import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../../../i18n';
import { slaAdminApi, type IcalImportResult, type SlaCalendar, type TimeRange } from '../../../api/sla-admin';
import { SaveError, Saved } from './common';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const RANGE = /^([01]\d|2[0-4]):[0-5]\d\s*[-–]\s*([01]\d|2[0-4]):[0-5]\d$/;

const rangesText = (r: TimeRange[] | undefined) => (r ?? []).map((x) => `${x.start}-${x.end}`).join(', ');

/** "09:00-13:00, 14:00-18:00" → ranges; null when a part is not a range. */
function parseRanges(text: string): TimeRange[] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.some((p) => !RANGE.test(p))) return null;
  return parts.map((p) => {
    const [start = '', end = ''] = p.split(/\s*[-–]\s*/);
    return { start, end };
  });
}

/** Business calendars: weekly hours, holidays (one by one or from iCalendar). */
export function SlaCalendarsAdmin({ calendars, canEdit, onChanged }: { calendars: SlaCalendar[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(calendars.find((c) => c.isDefault)?.id ?? null);
  const cal = calendars.find((c) => c.id === open) ?? null;
  return (
    <section className="card" data-testid="sla-calendars">
      <h2>{t('slaAdmin.calendars')}</h2>
      <p className="muted small">{t('slaAdmin.calendarsHint')}</p>
      <div className="row">
        <select value={open ?? ''} onChange={(e) => setOpen(e.target.value || null)} aria-label={t('slaAdmin.calendars')} data-testid="sla-calendar-pick">
          {canEdit && <option value="">{t('slaAdmin.newCalendar')}</option>}
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.isDefault ? ` (${t('slaAdmin.default')})` : c.organizationId ? ` (${t('slaAdmin.orgCalendar')})` : ''}
            </option>
          ))}
        </select>
      </div>
      <CalendarForm
        key={cal ? `${cal.id}-${JSON.stringify(cal.week)}` : 'new'}
        calendar={cal}
        canEdit={canEdit}
        onSaved={(saved) => {
          setOpen(saved.id);
          onChanged();
        }}
      />
      {cal && <Holidays key={`h-${cal.id}-${cal.holidays.length}`} calendar={cal} canEdit={canEdit} onChanged={onChanged} />}
    </section>
  );
}

function CalendarForm({ calendar, canEdit, onSaved }: { calendar: SlaCalendar | null; canEdit: boolean; onSaved: (c: SlaCalendar) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(calendar?.name ?? '');
  const [week, setWeek] = useState<Record<string, string>>(() => Object.fromEntries(DAYS.map((d) => [d, rangesText(calendar?.week[d] ?? (calendar ? [] : d === 'sat' || d === 'sun' ? [] : [{ start: '09:00', end: '18:00' }]))])));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const out: Record<string, TimeRange[]> = {};
    const problems: string[] = [];
    for (const d of DAYS) {
      const r = parseRanges(week[d] ?? '');
      if (r === null) problems.push(t('slaAdmin.badHours', { day: t(`slaAdmin.day.${d}` as MessageKey) }));
      else if (r.length) out[d] = r;
    }
    if (!name.trim()) problems.push(`${t('slaAdmin.name')}: —`);
    if (problems.length) return setError(problems.join('; '));
    setError(null);
    try {
      const body = { name: name.trim(), organizationId: calendar?.organizationId ?? null, week: out, overrides: calendar?.overrides ?? [] };
      const res = calendar ? await slaAdminApi.saveCalendar(calendar.id, body) : await slaAdminApi.createCalendar(body);
      setSaved(true);
      onSaved(res);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={submit} data-testid="sla-calendar-form">
      <label className="field">
        <span>{t('slaAdmin.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} maxLength={200} data-testid="sla-calendar-name" />
      </label>
      <table className="table compact">
        <tbody>
          {DAYS.map((d) => (
            <tr key={d}>
              <td>{t(`slaAdmin.day.${d}` as MessageKey)}</td>
              <td>
                <input
                  value={week[d] ?? ''}
                  placeholder="09:00-18:00"
                  disabled={!canEdit}
                  aria-label={t(`slaAdmin.day.${d}` as MessageKey)}
                  data-testid="sla-calendar-day"
                  data-day={d}
                  onChange={(e) => setWeek({ ...week, [d]: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SaveError error={error} />
      {canEdit && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="sla-calendar-save">
            {calendar ? t('slaAdmin.save') : t('slaAdmin.create')}
          </button>
          <Saved show={saved} testId="sla-calendar-saved" />
        </div>
      )}
    </form>
  );
}

function Holidays({ calendar, canEdit, onChanged }: { calendar: SlaCalendar; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [ics, setIcs] = useState('');
  const [result, setResult] = useState<IcalImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setIcs(await file.text());
  }

  return (
    <div data-testid="sla-holidays">
      <h3>{t('slaAdmin.holidays')}</h3>
      {calendar.holidays.length === 0 && <p className="muted">{t('slaAdmin.noHolidays')}</p>}
      <ul className="sla-holidays">
        {calendar.holidays.map((h) => (
          <li key={h.date} data-testid="sla-holiday" data-date={h.date}>
            <span className="mono">{h.date}</span> {h.name}{' '}
            {canEdit && (
              <button type="button" className="btn btn-small" onClick={() => void run(() => slaAdminApi.removeHoliday(calendar.id, h.date))}>
                {t('slaAdmin.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!date) return;
              void run(async () => {
                await slaAdminApi.addHolidays(calendar.id, [{ date, name: name.trim() }]);
                setDate('');
                setName('');
              });
            }}
          >
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('slaAdmin.date')} data-testid="sla-holiday-date" required />
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('slaAdmin.name')} maxLength={200} data-testid="sla-holiday-name" />
            <button type="submit" className="btn btn-small" data-testid="sla-holiday-add">
              {t('slaAdmin.addHoliday')}
            </button>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!ics.trim()) return;
              void run(async () => {
                setResult(await slaAdminApi.importIcal(calendar.id, ics));
                setIcs('');
              });
            }}
          >
            <h4>{t('slaAdmin.icalImport')}</h4>
            <p className="muted small">{t('slaAdmin.icalHint')}</p>
            <input type="file" accept=".ics,text/calendar" onChange={(e) => void readFile(e)} aria-label={t('slaAdmin.icalFile')} />
            <textarea rows={4} value={ics} onChange={(e) => setIcs(e.target.value)} aria-label={t('slaAdmin.icalImport')} data-testid="sla-ical-text" />
            <button type="submit" className="btn btn-small" disabled={!ics.trim()} data-testid="sla-ical-import">
              {t('slaAdmin.import')}
            </button>
          </form>
        </>
      )}
      {result && (
        <div className="alert alert-ok small" data-testid="sla-ical-result">
          <div>{t('slaAdmin.imported', { n: result.imported })}</div>
          {result.skipped.map((s, i) => (
            <div key={i}>{t('slaAdmin.skipped', { what: s.summary ?? s.uid ?? '?', reason: s.reason })}</div>
          ))}
          {result.notes.map((n, i) => (
            <div key={`n${i}`} className="muted">
              {n}
            </div>
          ))}
        </div>
      )}
      <SaveError error={error} />
    </div>
  );
}
