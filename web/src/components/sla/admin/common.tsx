import { ApiError } from '../../../api';
import { useI18n } from '../../../i18n';
import { ErrorNote } from '../../ErrorNote';

/** An API error with the fields the server named (400/422 details), or a local validation message. */
export function SaveError({ error }: { error: unknown }) {
  if (!error) return null;
  if (typeof error === 'string') {
    return (
      <p className="alert alert-error" role="alert" data-testid="sla-admin-invalid">
        {error}
      </p>
    );
  }
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as Array<{ field?: unknown; message?: unknown }>) : [];
  return (
    <>
      <ErrorNote error={error} />
      {details.length > 0 && (
        <ul className="alert alert-error small" data-testid="sla-admin-details">
          {details.map((d, i) => (
            <li key={i}>
              {typeof d.field === 'string' ? <code>{d.field}</code> : null} {String(d.message ?? '')}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Saved({ show, testId }: { show: boolean; testId: string }) {
  const { t } = useI18n();
  return show ? (
    <span className="ok-note small" role="status" data-testid={testId}>
      {t('slaAdmin.saved')}
    </span>
  ) : null;
}

/** "90" → 90 (minutes); "" → undefined; anything else → null (invalid). */
export function parseMinutes(text: string): number | undefined | null {
  const s = text.trim();
  if (!s) return undefined;
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && n <= 525_600 ? n : null;
}

/** 90 → "1 h 30 min"-like short text for tables; minutes as entered. */
export function minutesText(n: number | undefined, t: (k: 'slaAdmin.minutes') => string): string {
  return n === undefined ? '' : `${n} ${t('slaAdmin.minutes')}`;
}
