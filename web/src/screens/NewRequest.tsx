import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, newIdempotencyKey } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, ticketHref } from '../router';
import { isStaff, loadCatalogue, useSession } from '../session';
import { useLoad } from '../useLoad';
import { CataloguePicker } from '../components/CataloguePicker';
import { ErrorNote, fieldErrors } from '../components/ErrorNote';
import { PhoneCaller, type Caller } from '../components/PhoneCaller';
import { type NewTicketInput, type Priority, type TicketType } from '../types';
import { PrioritySelect, TypeSelect } from '../components/EnumSelect';
import { KbSuggestions } from '../components/knowledge/KbSuggestions';
import { catalogueApi, type ItemForm, type Scalar } from '../api/catalogue';
import { FieldLabel, FormFields } from '../components/catalogue/FormFields';
import { checkRaw, isColumnField, isUuid, serverFieldErrors, toApiFields, type RawValues } from '../components/catalogue/formValues';

export const PROJECT_ID_RE = /^mcs\d{10}$/;
const REGIONS = ['ru-msk-1', 'ru-msk-2', 'kz-ala-1'] as const;

export function parseResourceIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

export function NewRequest() {
  const { t, locale } = useI18n();
  const catalogue = useLoad(loadCatalogue, 'catalogue');
  // Staff create requests on a caller's behalf: the phone channel, with the organisation and person.
  const byPhone = isStaff(useSession().me);
  const [caller, setCaller] = useState<Caller>({ organizationId: '', requesterId: '' });
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<TicketType | ''>('');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [catalogueItemId, setCatalogueItemId] = useState<string | null>(null);
  const [region, setRegion] = useState('');
  const [projectId, setProjectId] = useState('');
  const [projectTouched, setProjectTouched] = useState(false);
  const [resources, setResources] = useState('');
  // The chosen service's form: typed fields validated here as the person types, and again by the server.
  const [form, setForm] = useState<ItemForm | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [raw, setRaw] = useState<RawValues>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per form: a double click or a retry after a lost answer must not create a second request.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    setForm(null);
    setFormError(null);
    if (!catalogueItemId) return;
    let live = true;
    catalogueApi.itemForm(catalogueItemId).then(
      (f) => live && setForm(f),
      (err: unknown) => live && setFormError(err),
    );
    return () => {
      live = false;
    };
  }, [catalogueItemId]);

  const formFields = form?.fields ?? [];
  const columnField = (name: string) => formFields.find((f) => f.name === name);
  const typedFields = formFields.filter((f) => !isColumnField(f.name));
  const regionOptions = form && columnField('region') ? form.regions.map((r) => r.value) : REGIONS;
  const resourceIdList = parseResourceIds(resources);

  const projectInvalid = projectId.trim() !== '' && !PROJECT_ID_RE.test(projectId.trim());
  const projectMissing = columnField('projectId')?.required === 'submit' && projectId.trim() === '';
  const regionMissing = columnField('region')?.required === 'submit' && region === '';
  const resourcesField = columnField('resourceIds');
  const resourcesMissing = resourcesField?.required === 'submit' && resourceIdList.length === 0;
  const resourcesInvalid = resourcesField?.type === 'uuid' && resourceIdList.some((r) => !isUuid(r));
  const typedErrors: Record<string, MessageKey | null> = Object.fromEntries(typedFields.map((f) => [f.name, checkRaw(f, raw, form?.regions ?? [])]));
  const formInvalid = projectMissing || regionMissing || resourcesMissing || resourcesInvalid || Object.values(typedErrors).some(Boolean);
  const serverErrors = { ...fieldErrors(error), ...serverFieldErrors(error, formFields) };
  const canSubmit =
    !projectInvalid && subject.trim() !== '' && description.trim() !== '' && (!byPhone || (caller.organizationId !== '' && caller.requesterId !== ''));
  const show = (name: string) => attempted || touched.has(name);
  const touch = (name: string) => setTouched((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
  const setValue = (name: string, value: string) => setRaw((prev) => ({ ...prev, [name]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProjectTouched(true);
    setAttempted(true);
    if (!canSubmit || formInvalid) return;
    // `fields` (the service form's values) is part of the create body; NewTicketInput predates forms.
    const input: NewTicketInput & { fields?: Record<string, Scalar> } = { subject: subject.trim(), description: description.trim(), channel: byPhone ? 'phone' : 'portal' };
    if (byPhone) Object.assign(input, caller);
    if (type) input.type = type;
    if (priority) input.priority = priority;
    if (catalogueItemId) input.catalogueItemId = catalogueItemId;
    if (region) input.region = region;
    if (projectId.trim()) input.projectId = projectId.trim();
    const ids = parseResourceIds(resources);
    if (ids.length) input.resourceIds = ids;
    const fields = toApiFields(typedFields, raw);
    if (Object.keys(fields).length) input.fields = fields;
    setBusy(true);
    setError(null);
    try {
      const ticket = await api.createTicket(input, idempotencyKey.current);
      navigate(ticketHref(ticket.key));
    } catch (err) {
      setError(err);
      setBusy(false);
      // A rejected form is a new attempt once corrected; a network failure is retried with the same key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) idempotencyKey.current = newIdempotencyKey();
    }
  }

  // A service suggests the usual type and priority; a choice the person already made stays.
  function pickService(id: string | null) {
    setCatalogueItemId(id);
    setRaw({});
    setTouched(new Set());
    setAttempted(false);
    const item = id ? catalogue.data?.find((c) => c.id === id) : undefined;
    if (item?.defaultType && !type) setType(item.defaultType);
    if (item?.defaultPriority && !priority) setPriority(item.defaultPriority);
  }

  const fieldError = (name: string, local?: MessageKey | null) =>
    local ? t(local) : serverErrors[name] ? serverErrors[name] : null;
  // A typed field shows the client's check once touched (or after a submit attempt), else the server's.
  const typedError = (name: string) => {
    const local = typedErrors[name];
    return local && show(name) ? t(local) : (serverErrors[name] ?? null);
  };

  const regionName = (r: string) => {
    const known = form?.regions.find((x) => x.value === r);
    if (known) return locale === 'ru' ? known.nameRu : known.nameEn;
    return (REGIONS as readonly string[]).includes(r) ? t(`region.${r as (typeof REGIONS)[number]}`) : r;
  };

  return (
    <div className="page narrow" data-testid="new-request-page">
      <h1>{byPhone ? t('new.phoneTitle') : t('new.title')}</h1>
      <form className="form card" onSubmit={submit} data-testid="new-request-form" noValidate>
        {byPhone && <PhoneCaller value={caller} onChange={setCaller} onPickProject={(p) => (setProjectId(p), setProjectTouched(true))} />}
        <label className="field">
          <span>
            {t('field.subject')} <em className="req">*</em>
          </span>
          <input
            value={subject}
            maxLength={300}
            required
            onChange={(e) => setSubject(e.target.value)}
            placeholder={t('new.subjectHint')}
            data-testid="new-subject"
          />
          <FieldError text={fieldError('subject')} />
        </label>
        <label className="field">
          <span>
            {t('field.description')} <em className="req">*</em>
          </span>
          <textarea
            rows={6}
            value={description}
            required
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('new.descriptionHint')}
            data-testid="new-description"
          />
          <FieldError text={fieldError('description')} />
        </label>
        <KbSuggestions subject={subject} description={description} />
        <div className="row">
          <label className="field">
            <span>{t('field.type')}</span>
            <TypeSelect value={type} onChange={setType} empty={t('new.default')} testId="new-type" />
          </label>
          <label className="field">
            <span>{t('field.priority')}</span>
            <PrioritySelect value={priority} onChange={setPriority} empty={t('new.default')} testId="new-priority" />
          </label>
          <label className="field">
            {columnField('region') ? <FieldLabel field={columnField('region') ?? { labelEn: '', labelRu: '', required: 'optional' }} /> : <span>{t('field.region')}</span>}
            <select
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              onBlur={() => touch('region')}
              className={regionMissing && show('region') ? 'invalid' : undefined}
              data-testid="new-region"
            >
              <option value="">{t('new.noRegion')}</option>
              {regionOptions.map((r) => (
                <option key={r} value={r}>
                  {regionName(r)}
                </option>
              ))}
            </select>
            <FieldError text={fieldError('region', regionMissing && show('region') ? 'form.err.required' : null)} testId="region-error" />
          </label>
        </div>
        <div className="field">
          <span>{t('field.catalogueItem')}</span>
          <span className="hint">{t('new.pickService')}</span>
          <ErrorNote error={catalogue.error} onRetry={catalogue.reload} />
          {catalogue.data && <CataloguePicker items={catalogue.data} value={catalogueItemId} onChange={pickService} />}
          <FieldError text={fieldError('catalogueItemId')} />
        </div>
        <ErrorNote error={formError} />
        {form && typedFields.length > 0 && (
          <fieldset className="form-section" data-testid="service-form" data-form-version={form.form?.version ?? ''}>
            <legend>{t('form.section')}</legend>
            <FormFields
              fields={typedFields}
              regions={form.regions}
              values={raw}
              errors={Object.fromEntries(typedFields.map((f) => [f.name, typedError(f.name)]))}
              onChange={setValue}
              onBlur={touch}
              filesLater
            />
          </fieldset>
        )}
        <div className="row">
          <label className="field">
            {columnField('projectId') ? <FieldLabel field={columnField('projectId') ?? { labelEn: '', labelRu: '', required: 'optional' }} /> : <span>{t('field.projectId')}</span>}
            <input
              value={projectId}
              onChange={(e) => setProjectId(e.target.value)}
              onBlur={() => setProjectTouched(true)}
              placeholder="mcs0123456789"
              className={projectTouched && projectInvalid ? 'invalid mono' : 'mono'}
              aria-invalid={projectTouched && projectInvalid}
              data-testid="new-project-id"
            />
            <span className="hint">{t('new.projectIdHint')}</span>
            <FieldError
              text={fieldError('projectId', projectTouched && projectInvalid ? 'new.projectIdInvalid' : projectMissing && (projectTouched || attempted) ? 'form.err.required' : null)}
              testId="project-id-error"
            />
          </label>
          <label className="field grow">
            {resourcesField ? <FieldLabel field={resourcesField} /> : <span>{t('field.resourceIds')}</span>}
            <textarea
              rows={2}
              className={(resourcesMissing || resourcesInvalid) && show('resourceIds') ? 'mono invalid' : 'mono'}
              value={resources}
              onChange={(e) => setResources(e.target.value)}
              onBlur={() => touch('resourceIds')}
              data-testid="new-resource-ids"
            />
            <span className="hint">{t('new.resourceIdsHint')}</span>
            <FieldError
              text={fieldError('resourceIds', show('resourceIds') ? (resourcesInvalid ? 'form.err.uuid' : resourcesMissing ? 'form.err.required' : null) : null)}
              testId="resource-ids-error"
            />
          </label>
        </div>
        <ErrorNote error={error} />
        <div className="actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !canSubmit}
            data-testid="new-submit"
          >
            {busy ? t('new.busy') : t('new.submit')}
          </button>
          <button type="button" className="btn" onClick={() => navigate('/')}>
            {t('new.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function FieldError({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <span className="field-error" data-testid={testId}>
      {text}
    </span>
  );
}
