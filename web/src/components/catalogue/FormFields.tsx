import { useI18n } from '../../i18n';
import type { FormField, Region } from '../../api/catalogue';
import type { RawValues } from './formValues';

const pick = (locale: string, en: string, ru: string) => (locale === 'ru' ? ru || en : en || ru);

/** The label row of a field: its name, the required-to-submit star, the "needed before escalation" mark. */
export function FieldLabel({ field }: { field: Pick<FormField, 'labelEn' | 'labelRu' | 'required'> }) {
  const { t, locale } = useI18n();
  return (
    <span>
      {pick(locale, field.labelEn, field.labelRu)} {field.required === 'submit' && <em className="req">*</em>}
      {field.required === 'escalation' && (
        <span className="badge badge-muted small" title={t('form.neededLaterHint')}>
          {t('form.neededLater')}
        </span>
      )}
    </span>
  );
}

/**
 * The typed fields of a catalogue form (those that are not the request's own project/region/resource inputs).
 * Errors show under each field: the client's check once the field was touched, else the server's.
 */
export function FormFields(props: {
  fields: readonly FormField[];
  regions: readonly Region[];
  values: RawValues;
  errors: Record<string, string | null>;
  onChange: (name: string, value: string) => void;
  onBlur: (name: string) => void;
  /** On the new-request page files can only be attached once the request exists. */
  filesLater?: boolean;
}) {
  const { t, locale } = useI18n();
  const { values } = props;
  if (props.fields.length === 0) return null;
  return (
    <div className="catalogue-form" data-testid="catalogue-form">
      {props.fields.map((f) => {
        const error = props.errors[f.name] ?? null;
        const help = pick(locale, f.helpEn, f.helpRu);
        const common = {
          'aria-invalid': error ? true : undefined,
          className: error ? 'invalid' : undefined,
          onBlur: () => props.onBlur(f.name),
          'data-testid': `form-input-${f.name}`,
        };
        let input: React.ReactNode;
        switch (f.type) {
          case 'text':
            input = <textarea rows={3} value={values[f.name] ?? ''} onChange={(e) => props.onChange(f.name, e.target.value)} maxLength={f.maxLength} {...common} />;
            break;
          case 'choice':
          case 'region':
            input = (
              <select value={values[f.name] ?? ''} onChange={(e) => props.onChange(f.name, e.target.value)} {...common}>
                <option value="">{t('form.choose')}</option>
                {f.type === 'choice'
                  ? (f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {pick(locale, o.labelEn, o.labelRu)}
                      </option>
                    ))
                  : props.regions.map((r) => (
                      <option key={r.value} value={r.value}>
                        {pick(locale, r.nameEn, r.nameRu)}
                      </option>
                    ))}
              </select>
            );
            break;
          case 'multi_choice': {
            const chosen = new Set((values[f.name] ?? '').split(',').filter(Boolean));
            input = (
              <span className="checks" data-testid={`form-input-${f.name}`}>
                {(f.options ?? []).map((o) => (
                  <label key={o.value} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(o.value)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(o.value);
                        else next.delete(o.value);
                        props.onChange(f.name, (f.options ?? []).map((x) => x.value).filter((v) => next.has(v)).join(','));
                      }}
                      onBlur={() => props.onBlur(f.name)}
                    />{' '}
                    {pick(locale, o.labelEn, o.labelRu)}
                  </label>
                ))}
              </span>
            );
            break;
          }
          case 'datetime':
            input = <input type="datetime-local" value={values[f.name] ?? ''} onChange={(e) => props.onChange(f.name, e.target.value)} {...common} />;
            break;
          case 'time_window':
            input = (
              <span className="row tight">
                <label className="inline">
                  {t('form.from')}{' '}
                  <input
                    type="datetime-local"
                    value={values[`${f.name}From`] ?? ''}
                    onChange={(e) => props.onChange(`${f.name}From`, e.target.value)}
                    onBlur={() => props.onBlur(f.name)}
                    className={error ? 'invalid' : undefined}
                    data-testid={`form-input-${f.name}From`}
                  />
                </label>
                <label className="inline">
                  {t('form.to')}{' '}
                  <input
                    type="datetime-local"
                    value={values[`${f.name}To`] ?? ''}
                    onChange={(e) => props.onChange(`${f.name}To`, e.target.value)}
                    onBlur={() => props.onBlur(f.name)}
                    className={error ? 'invalid' : undefined}
                    data-testid={`form-input-${f.name}To`}
                  />
                </label>
              </span>
            );
            break;
          case 'file':
            input = props.filesLater ? (
              <span className="hint">{t('form.fileLater')}</span>
            ) : (
              <input value={values[f.name] ?? ''} onChange={(e) => props.onChange(f.name, e.target.value)} placeholder={t('form.attachmentId')} {...common} className={`mono ${common.className ?? ''}`} />
            );
            break;
          default: {
            const mono = f.type === 'project_id' || f.type === 'uuid' || f.type === 'ip';
            const placeholder = f.type === 'project_id' ? 'mcs0123456789' : f.type === 'ip' ? '192.0.2.10' : f.type === 'uuid' ? '3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192' : undefined;
            input = (
              <input
                value={values[f.name] ?? ''}
                inputMode={f.type === 'number' ? 'decimal' : undefined}
                placeholder={placeholder}
                maxLength={f.type === 'string' ? f.maxLength : undefined}
                onChange={(e) => props.onChange(f.name, e.target.value)}
                {...common}
                className={[mono ? 'mono' : '', common.className ?? ''].join(' ').trim() || undefined}
              />
            );
          }
        }
        return (
          <div className="field" key={f.name} data-testid={`form-field-${f.name}`} data-type={f.type} data-required={f.required}>
            <FieldLabel field={f} />
            {input}
            {help && <span className="hint">{help}</span>}
            {error && (
              <span className="field-error" role="alert" data-testid={`form-error-${f.name}`}>
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
