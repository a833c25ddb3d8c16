import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { catalogueApi, FIELD_TYPES, REQUIRED_LEVELS, type FieldDefinition, type FormHistory } from '../../api/catalogue';
import { ErrorNote } from '../ErrorNote';

const blankField = (n: number): FieldDefinition => ({ name: `field${n}`, type: 'string', labelEn: '', labelRu: '', helpEn: '', helpRu: '', required: 'optional' });

const optionsText = (f: FieldDefinition) => (f.options ?? []).map((o) => `${o.value} | ${o.labelEn} | ${o.labelRu}`).join('\n');
function parseOptions(text: string): FieldDefinition['options'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [value = '', en = '', ru = ''] = l.split('|').map((p) => p.trim());
      return { value, labelEn: en || value, labelRu: ru || en || value };
    });
}

/** Server errors `body.fields.<i>.<prop>` by field index. */
function errorsByIndex(error: unknown): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as Array<{ field?: unknown; message?: unknown }>) {
    const m = typeof d.field === 'string' ? /^body\.fields\.(\d+)(?:\.(\w+))?/.exec(d.field) : null;
    if (!m) continue;
    const i = Number(m[1]);
    (out[i] ??= []).push(`${m[2] ?? ''}: ${String(d.message)}`);
  }
  return out;
}

/**
 * Edits a service's form: fields with type, labels, help, options and required flag. Saving creates a new
 * version (requests keep the one they were submitted with); the history lists every version.
 */
export function FormEditor({ itemId, canEdit, onSaved }: { itemId: string; canEdit: boolean; onSaved: () => void }) {
  const { t, dt, locale } = useI18n();
  const [history, setHistory] = useState<FormHistory | null>(null);
  const [fields, setFields] = useState<FieldDefinition[]>([]);
  const [optionDrafts, setOptionDrafts] = useState<Record<number, string>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    catalogueApi.formHistory(itemId).then(
      (h) => {
        if (!live) return;
        setHistory(h);
        const current = h.versions.find((v) => v.id === h.currentFormId);
        const list = current?.fields ?? [];
        setFields(list);
        setOptionDrafts(Object.fromEntries(list.map((f, i) => [i, optionsText(f)])));
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [itemId, tick]);

  const update = (i: number, patch: Partial<FieldDefinition>) => setFields((prev) => prev.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, d: -1 | 1) =>
    setFields((prev) => {
      const next = [...prev];
      const [f] = next.splice(i, 1);
      if (f) next.splice(i + d, 0, f);
      setOptionDrafts(Object.fromEntries(next.map((x, j) => [j, optionsText(x)])));
      return next;
    });
  const remove = (i: number) =>
    setFields((prev) => {
      const next = prev.filter((_, j) => j !== i);
      setOptionDrafts(Object.fromEntries(next.map((x, j) => [j, optionsText(x)])));
      return next;
    });

  async function save() {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      // Send only what each type uses: options for choices, bounds for numbers, a length for text.
      const clean = fields.map((f, i) => {
        const base: FieldDefinition = { name: f.name.trim(), type: f.type, labelEn: f.labelEn, labelRu: f.labelRu, helpEn: f.helpEn, helpRu: f.helpRu, required: f.required };
        if (f.type === 'choice' || f.type === 'multi_choice') base.options = parseOptions(optionDrafts[i] ?? '');
        if (f.type === 'number') Object.assign(base, f.min !== undefined ? { min: f.min } : {}, f.max !== undefined ? { max: f.max } : {}, f.integer ? { integer: true } : {});
        if ((f.type === 'string' || f.type === 'text') && f.maxLength) base.maxLength = f.maxLength;
        return base;
      });
      const res = await catalogueApi.saveForm(itemId, clean, comment.trim());
      setNote(res.created ? t('cat.formSaved', { n: res.form.version }) : t('cat.formUnchanged'));
      setComment('');
      setTick((x) => x + 1);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const rowErrors = errorsByIndex(error);
  const current = history?.versions.find((v) => v.id === history.currentFormId);
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

  return (
    <section className="card" data-testid="form-editor">
      <h3>
        {t('cat.form')} <span className="muted small">{current ? t('cat.formVersion', { n: current.version }) : t('cat.noForm')}</span>
      </h3>
      <p className="hint">{t('cat.bindingHint')}</p>
      {fields.map((f, i) => (
        <div className="card form-field-editor" key={i} data-testid="form-field-row" data-name={f.name}>
          <div className="row">
            <label className="field">
              <span>{t('cat.field.name')}</span>
              <input className="mono" value={f.name} disabled={!canEdit} onChange={(e) => update(i, { name: e.target.value })} data-testid="field-name" />
            </label>
            <label className="field">
              <span>{t('cat.field.type')}</span>
              <select value={f.type} disabled={!canEdit} onChange={(e) => update(i, { type: e.target.value as FieldDefinition['type'] })} data-testid="field-type">
                {FIELD_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`cat.type.${ty}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('cat.field.required')}</span>
              <select value={f.required} disabled={!canEdit} onChange={(e) => update(i, { required: e.target.value as FieldDefinition['required'] })} data-testid="field-required">
                {REQUIRED_LEVELS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cat.required.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="row">
            <label className="field grow">
              <span>{t('cat.field.labelEn')}</span>
              <input value={f.labelEn} disabled={!canEdit} onChange={(e) => update(i, { labelEn: e.target.value })} data-testid="field-label-en" />
            </label>
            <label className="field grow">
              <span>{t('cat.field.labelRu')}</span>
              <input value={f.labelRu} disabled={!canEdit} onChange={(e) => update(i, { labelRu: e.target.value })} data-testid="field-label-ru" />
            </label>
          </div>
          <div className="row">
            <label className="field grow">
              <span>{t('cat.field.helpEn')}</span>
              <input value={f.helpEn} disabled={!canEdit} onChange={(e) => update(i, { helpEn: e.target.value })} />
            </label>
            <label className="field grow">
              <span>{t('cat.field.helpRu')}</span>
              <input value={f.helpRu} disabled={!canEdit} onChange={(e) => update(i, { helpRu: e.target.value })} />
            </label>
          </div>
          {(f.type === 'choice' || f.type === 'multi_choice') && (
            <label className="field">
              <span>{t('cat.field.options')}</span>
              <textarea rows={3} className="mono" value={optionDrafts[i] ?? ''} disabled={!canEdit} onChange={(e) => setOptionDrafts((p) => ({ ...p, [i]: e.target.value }))} data-testid="field-options" />
              <span className="hint">{t('cat.field.optionsHint')}</span>
            </label>
          )}
          {f.type === 'number' && (
            <div className="row">
              <label className="field">
                <span>{t('cat.field.min')}</span>
                <input value={f.min ?? ''} disabled={!canEdit} onChange={(e) => update(i, { min: num(e.target.value) })} />
              </label>
              <label className="field">
                <span>{t('cat.field.max')}</span>
                <input value={f.max ?? ''} disabled={!canEdit} onChange={(e) => update(i, { max: num(e.target.value) })} />
              </label>
              <label className="field inline">
                <input type="checkbox" checked={f.integer ?? false} disabled={!canEdit} onChange={(e) => update(i, { integer: e.target.checked })} /> <span>{t('cat.field.integer')}</span>
              </label>
            </div>
          )}
          {(f.type === 'string' || f.type === 'text') && (
            <label className="field">
              <span>{t('cat.field.maxLength')}</span>
              <input value={f.maxLength ?? ''} disabled={!canEdit} onChange={(e) => update(i, { maxLength: num(e.target.value) })} />
            </label>
          )}
          {rowErrors[i] && (
            <span className="field-error" role="alert" data-testid="field-row-error">
              {rowErrors[i]?.join('; ')}
            </span>
          )}
          {canEdit && (
            <div className="actions">
              <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                {t('cat.field.up')}
              </button>
              <button type="button" className="btn btn-small" disabled={i === fields.length - 1} onClick={() => move(i, 1)}>
                {t('cat.field.down')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => remove(i)} data-testid="field-remove">
                {t('cat.field.remove')}
              </button>
            </div>
          )}
        </div>
      ))}
      {canEdit && (
        <>
          <button type="button" className="btn" onClick={() => setFields((p) => [...p, blankField(p.length + 1)])} data-testid="add-field">
            {t('cat.addField')}
          </button>
          <label className="field">
            <span>{t('cat.comment')}</span>
            <input value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} data-testid="form-comment" />
          </label>
          <ErrorNote error={error} />
          {note && (
            <p className="ok-note" data-testid="form-saved">
              {note}
            </p>
          )}
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()} data-testid="save-form">
              {t('cat.saveForm')}
            </button>
          </div>
        </>
      )}
      {history && history.versions.length > 0 && (
        <details className="history" data-testid="form-history">
          <summary>{t('cat.history')}</summary>
          <ul>
            {history.versions.map((v) => (
              <li key={v.id} data-testid="form-version">
                <strong>{t('cat.versionLine', { n: v.version, at: dt(v.createdAt), who: v.createdBy ?? 'tierdesk' })}</strong>
                {v.comment && <span> — {v.comment}</span>}
                <span className="muted small"> · {v.fields.map((f) => (locale === 'ru' ? f.labelRu : f.labelEn)).join(', ')}</span>
              </li>
            ))}
          </ul>
          {history.events.length > 0 && (
            <>
              <h4>{t('cat.events')}</h4>
              <ul>
                {history.events.map((e) => (
                  <li key={e.id} className="small">
                    {dt(e.at)} · {e.actorName ?? 'tierdesk'} · <code>{e.type}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </details>
      )}
    </section>
  );
}
