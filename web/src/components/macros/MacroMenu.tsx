import { useState } from 'react';
import type { Ticket } from '../../types';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../ErrorNote';
import { macroApi, type MacroPreview } from '../../api/knowledge';

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? '—' : String(v));

/** The agent's macros on the request page: pick one, see exactly what it will do, then apply it in one step. */
export function MacroMenu({ ticket, onApplied }: { ticket: Ticket; onApplied: () => void }) {
  const { t } = useI18n();
  const macros = useLoad(() => macroApi.list(), 'macros-menu');
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const items = macros.data?.items ?? [];
  if (items.length === 0) return null;

  async function pick(id: string) {
    setError(null);
    setConflict(false);
    setPreview(null);
    if (!id) return;
    try {
      setPreview(await macroApi.preview(ticket.key, id));
    } catch (err) {
      setError(err);
    }
  }

  async function apply() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      await macroApi.apply(ticket.key, preview.macro.id, ticket.version);
      setPreview(null);
      onApplied();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        setConflict(true);
        onApplied();
        setPreview(await macroApi.preview(ticket.key, preview.macro.id).catch(() => null));
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="macro-menu">
      <label className="field">
        <span>{t('macro.apply')}</span>
        <select value={preview?.macro.id ?? ''} onChange={(e) => void pick(e.target.value)} data-testid="macro-select">
          <option value="">{t('macro.choose')}</option>
          {items.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {conflict && (
        <div className="alert alert-warn" role="status">
          {t('macro.conflict')}
        </div>
      )}
      <ErrorNote error={error} />
      {preview && (
        <div data-testid="macro-preview">
          <h4>{t('macro.preview')}</h4>
          <ul className="tl-changes small">
            {Object.entries(preview.changes).map(([field, c]) => (
              <li key={field}>
                {field}: {show(c.from)} → <strong>{show(c.to)}</strong>
              </li>
            ))}
            {preview.status && (
              <li>
                {t('macro.status')}: {preview.status.from} → <strong>{preview.status.to}</strong>
              </li>
            )}
          </ul>
          {preview.message && (
            <div className={preview.message.visibility === 'internal' ? 'tl-msg internal' : 'tl-msg'}>
              <div className="muted small">{preview.message.visibility === 'internal' ? t('ticket.internalNote') : t('ticket.publicReply')}</div>
              <div className="tl-body" style={{ whiteSpace: 'pre-wrap' }}>
                {preview.message.body}
              </div>
            </div>
          )}
          {Object.keys(preview.changes).length === 0 && !preview.status && !preview.message && <p className="muted">{t('macro.nothing')}</p>}
          {preview.problems.map((p) => (
            <p key={p.field} className="alert alert-warn">
              {p.message}
            </p>
          ))}
          <div className="actions">
            <button type="button" className="btn" onClick={() => setPreview(null)}>
              {t('macro.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy || !preview.applicable} onClick={() => void apply()} data-testid="macro-apply">
              {t('macro.applyNow')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
