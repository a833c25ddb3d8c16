import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { catalogueApi, type TicketForm } from '../../api/catalogue';
import { ErrorNote } from '../ErrorNote';
import { FieldLabel, FormFields } from './FormFields';
import { checkRaw, isColumnField, rawFromStored, serverFieldErrors, toApiFields, type RawValues } from './formValues';

function shown(f: TicketForm['fields'][number], locale: string): string {
  const v = f.value;
  if (v === null || v === undefined || v === '') return '';
  if (f.type === 'time_window' && typeof v === 'object') {
    const w = v as { from?: unknown; to?: unknown; legacy?: unknown };
    if (w.legacy !== undefined) return String(w.legacy);
    const d = (x: unknown) => (typeof x === 'string' && !Number.isNaN(Date.parse(x)) ? new Date(x).toLocaleString(locale) : String(x ?? ''));
    return `${d(w.from)} — ${d(w.to)}`;
  }
  if (f.type === 'datetime' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toLocaleString(locale);
  if ((f.type === 'choice' || f.type === 'multi_choice') && typeof v === 'string') {
    return v
      .split(',')
      .map((x) => f.options?.find((o) => o.value === x))
      .map((o, i) => (o ? (locale === 'ru' ? o.labelRu : o.labelEn) : v.split(',')[i]))
      .join(', ');
  }
  if (f.type === 'region' && typeof v === 'string') return v;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/**
 * A request's service form as it was submitted (its own form version), with what is still needed before
 * escalation. The customer (or an agent) fills in missing values here; staff can ask the customer.
 * Mount it on the ticket pages: `<TicketFormPanel ticketKey={ticket.key} canAsk={isStaff} onChanged={reload} />`.
 */
export function TicketFormPanel(props: { ticketKey: string; canAsk?: boolean; refresh?: string; onChanged?: () => void }) {
  const { t, locale } = useI18n();
  const form = useLoad(() => catalogueApi.ticketForm(props.ticketKey), `ticket-form:${props.ticketKey}:${props.refresh ?? ''}`);
  const [editing, setEditing] = useState(false);
  const [raw, setRaw] = useState<RawValues>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const data = form.data;
  if (!data || (!data.form && data.fields.length === 0 && data.missing.length === 0)) return <ErrorNote error={form.error} onRetry={form.reload} />;
  const typed = data.fields.filter((f) => !isColumnField(f.name));
  const errorText = (name: string): string | null => {
    const f = typed.find((x) => x.name === name);
    const local = f && touched.has(name) ? checkRaw(f, raw, data.regions) : null;
    return local ? t(local) : (server[name] ?? null);
  };
  const server = serverFieldErrors(error, data.fields);

  async function save() {
    if (!data) return;
    const all = Object.fromEntries(typed.map((f) => [f.name, checkRaw(f, raw, data.regions)]));
    if (Object.values(all).some(Boolean)) {
      setTouched(new Set(typed.map((f) => f.name)));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await catalogueApi.updateTicketForm(props.ticketKey, { fields: toApiFields(typed, raw, { files: true }), version: data.version });
      setEditing(false);
      setNote(t('form.panel.saved'));
      form.reload();
      props.onChanged?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function ask() {
    setBusy(true);
    setError(null);
    try {
      await catalogueApi.askCustomer(props.ticketKey);
      setNote(t('form.panel.asked'));
      form.reload();
      props.onChanged?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="ticket-form-panel" data-form-version={data.form?.version ?? ''}>
      <h2>
        {t('form.panel.title')}{' '}
        {data.form && <span className="muted small">{t('form.panel.version', { v: data.form.version })}</span>}
      </h2>
      {data.form && data.form.latestVersion > data.form.version && <p className="hint">{t('form.panel.newer', { v: data.form.latestVersion })}</p>}
      {!editing && (
        <dl>
          {data.fields.map((f) => (
            <div key={f.name} className="dl-row" data-testid={`ticket-form-value-${f.name}`}>
              <dt>
                <FieldLabel field={f} />
              </dt>
              <dd className={f.type === 'project_id' || f.type === 'uuid' || f.type === 'ip' ? 'mono' : undefined}>{shown(f, locale) || t('form.panel.empty')}</dd>
            </div>
          ))}
        </dl>
      )}
      {editing && (
        <FormFields
          fields={typed}
          regions={data.regions}
          values={raw}
          errors={Object.fromEntries(typed.map((f) => [f.name, errorText(f.name)]))}
          onChange={(n, v) => setRaw((p) => ({ ...p, [n]: v }))}
          onBlur={(n) => setTouched((p) => new Set(p).add(n))}
        />
      )}
      {data.missing.length > 0 ? (
        <div className="alert" data-testid="ticket-form-missing">
          <strong>{t('form.panel.missing')}</strong>
          <ul>
            {data.missing.map((m) => (
              <li key={m.key} data-key={m.key}>
                {locale === 'ru' ? m.labelRu : m.labelEn}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="ok-note small">{t('form.panel.complete')}</p>
      )}
      <ErrorNote error={error} />
      {note && <p className="ok-note small">{note}</p>}
      <div className="actions">
        {!editing && typed.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setRaw(rawFromStored(data.fields));
              setTouched(new Set());
              setEditing(true);
              setNote(null);
            }}
            data-testid="ticket-form-edit"
          >
            {t('form.panel.edit')}
          </button>
        )}
        {editing && (
          <>
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void save()} data-testid="ticket-form-save">
              {t('form.panel.save')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
              {t('form.panel.cancel')}
            </button>
          </>
        )}
        {props.canAsk && data.missing.length > 0 && (data.status === 'new' || data.status === 'open') && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void ask()} data-testid="ticket-form-ask">
            {t('form.panel.ask')}
          </button>
        )}
      </div>
    </section>
  );
}
