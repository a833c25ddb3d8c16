import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useI18n, isMessageKey } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/admin/useAction';
import { emailApi, type NotificationTemplate, type TemplateLocale, type TemplatePreview } from '../../api/email';

/**
 * Notification templates (administrators): subject and body per language, placeholders offered for
 * insertion, a preview with sample data, saving (the server refuses unknown placeholders) and reset.
 */
export function AdminTemplates({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => (canEdit ? emailApi.templates() : Promise.resolve({ items: [] as NotificationTemplate[] })), `email-templates-${String(canEdit)}`);
  const [name, setName] = useState('staff_reply');
  const [locale, setLocale] = useState<TemplateLocale>('ru');
  if (!canEdit) {
    return (
      <p className="muted" data-testid="templates-admin-only">
        {t('email.tpl.adminOnly')}
      </p>
    );
  }
  const items = list.data?.items ?? [];
  const names = [...new Set(items.map((i) => i.name))];
  const current = items.find((i) => i.name === name && i.locale === locale);
  const label = (n: string) => {
    const key = `email.tpl.name.${n}`;
    return isMessageKey(key) ? t(key) : n;
  };
  return (
    <div className="card" data-testid="admin-templates">
      <ErrorNote error={list.error} onRetry={list.reload} />
      <div className="row">
        <label className="field">
          <span>{t('email.tpl.template')}</span>
          <select value={name} onChange={(e) => setName(e.target.value)} data-testid="template-name">
            {names.map((n) => {
              const audience = items.find((i) => i.name === n)?.audience ?? 'customer';
              return (
                <option key={n} value={n}>
                  {label(n)} — {t(audience === 'staff' ? 'email.tpl.audience.staff' : 'email.tpl.audience.customer')}
                </option>
              );
            })}
          </select>
        </label>
        <label className="field">
          <span>{t('email.tpl.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'ru')} data-testid="template-locale">
            <option value="ru">{t('email.tpl.lang.ru')}</option>
            <option value="en">{t('email.tpl.lang.en')}</option>
          </select>
        </label>
      </div>
      {current && <TemplateEditor key={`${current.name}-${current.locale}-${current.updatedAt ?? 'default'}`} template={current} onChanged={list.reload} />}
    </div>
  );
}

function TemplateEditor({ template, onChanged }: { template: NotificationTemplate; onChanged: () => void }) {
  const { t, dt } = useI18n();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const save = useAction();
  const reset = useAction();
  const previewing = useAction();
  const dirty = subject !== template.subject || body !== template.body;
  // A 400 names each unknown placeholder per field: show those lines rather than a generic error.
  const invalid = save.error instanceof ApiError && save.error.status === 400 && Array.isArray(save.error.details) ? (save.error.details as Array<{ field?: string; message?: string }>).map((d) => ({ field: d.field ?? '', message: d.message ?? '' })) : null;

  const runPreview = () =>
    previewing.run(async () => {
      setPreview(await emailApi.previewTemplate(template.name, template.locale, { subject, body }));
    });

  // The preview follows the saved text until the admin asks again.
  useEffect(() => {
    void runPreview();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await save.run(() => emailApi.saveTemplate(template.name, template.locale, { subject, body }))) onChanged();
  }

  async function resetToDefault() {
    if (!window.confirm(t('email.tpl.resetConfirm'))) return;
    if (await reset.run(() => emailApi.resetTemplate(template.name, template.locale))) onChanged();
  }

  function insert(p: string) {
    const token = `{{${p}}}`;
    const el = bodyRef.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    setBody(body.slice(0, at) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  return (
    <form onSubmit={submit} data-testid="template-editor" data-customized={String(template.customized)}>
      <p className="muted small">
        {template.customized ? `${t('email.tpl.customized')} · ${dt(template.updatedAt)}` : t('email.tpl.default')}
        {dirty && <strong> · {t('email.tpl.unsaved')}</strong>}
      </p>
      <label className="field">
        <span>{t('email.tpl.subject')}</span>
        <input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={500} required data-testid="template-subject" />
      </label>
      <label className="field">
        <span>{t('email.tpl.body')}</span>
        <textarea ref={bodyRef} value={body} onChange={(e) => setBody(e.target.value)} rows={12} maxLength={20000} required data-testid="template-body" />
      </label>
      <div className="field">
        <span>{t('email.tpl.placeholders')}</span>
        <div className="row">
          {template.placeholders.map((p) => (
            <button key={p} type="button" className="btn btn-small" onClick={() => insert(p)} data-testid={`placeholder-${p}`}>
              {`{{${p}}}`}
            </button>
          ))}
        </div>
      </div>
      <div className="row">
        <button type="submit" className="btn" disabled={save.busy || !dirty} data-testid="template-save">
          {t('email.tpl.save')}
        </button>
        <button type="button" className="btn" onClick={() => void runPreview()} disabled={previewing.busy} data-testid="template-preview">
          {t('email.tpl.preview')}
        </button>
        <button type="button" className="btn" onClick={() => void resetToDefault()} disabled={reset.busy || !template.customized} data-testid="template-reset">
          {t('email.tpl.reset')}
        </button>
        {save.done && !dirty && <span className="ok-note small">{t('email.tpl.saved')}</span>}
      </div>
      {invalid ? (
        <div className="alert alert-error" role="alert" data-testid="template-invalid">
          {invalid.map((d, i) => (
            <div key={i}>
              {t(d.field === 'subject' ? 'email.tpl.subject' : 'email.tpl.body')}: {unknownName(d.message) ? t('email.tpl.unknownOne', { name: unknownName(d.message) ?? '' }) : d.message}
            </div>
          ))}
        </div>
      ) : (
        <ErrorNote error={save.error ?? reset.error ?? previewing.error} />
      )}
      {preview && (
        <div className="card" data-testid="template-preview-out">
          {preview.unknownPlaceholders.length > 0 && (
            <p className="alert alert-warn">{t('email.tpl.unknown', { list: preview.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ') })}</p>
          )}
          <p>
            <strong>{preview.subject}</strong>
          </p>
          {/* Plain text, never HTML. */}
          <div className="tl-body">{preview.body}</div>
        </div>
      )}
    </form>
  );
}

/** The placeholder a server validation message names ("unknown placeholder {{x}}; …"), if any. */
function unknownName(message: string): string | null {
  const m = /unknown placeholder (\{\{[^}]*\}\})/.exec(message);
  return m?.[1] ?? null;
}
