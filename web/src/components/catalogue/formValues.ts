/** Form values in the browser: raw input text per field, client-side checks mirroring the server, conversion to the API. */
import { ApiError } from '../../api';
import type { MessageKey } from '../../i18n';
import type { FieldDefinition, FormField, Region, Scalar } from '../../api/catalogue';

/** Fields that are the request's own inputs on the new-request page (project, region, resource IDs). */
export const COLUMN_FIELDS = ['projectId', 'region', 'resourceIds'] as const;
export const isColumnField = (name: string) => (COLUMN_FIELDS as readonly string[]).includes(name);

/** Raw text per field; a time window is `<name>From` / `<name>To`, several choices are comma-separated. */
export type RawValues = Record<string, string>;

export const PROJECT_ID_RE = /^mcs\d{10}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIp(v: string): boolean {
  if (IPV4_RE.test(v)) return true;
  if (!v.includes(':') || !/^[0-9a-f:.]+$/i.test(v)) return false;
  try {
    // The URL parser validates IPv6 literals exactly.
    new URL(`http://[${v}]/`);
    return true;
  } catch {
    return false;
  }
}

export const isUuid = (v: string) => UUID_RE.test(v);

const blank = (v: string | undefined) => !v || v.trim() === '';

/** The message key of the first problem with a field's raw value, or null. */
export function checkRaw(f: FieldDefinition, raw: RawValues, regions: readonly Region[]): MessageKey | null {
  if (f.type === 'time_window') {
    const from = raw[`${f.name}From`];
    const to = raw[`${f.name}To`];
    if (blank(from) && blank(to)) return f.required === 'submit' ? 'form.err.required' : null;
    if (blank(from) || blank(to)) return 'form.err.windowBothEnds';
    if (Number.isNaN(Date.parse(from as string)) || Number.isNaN(Date.parse(to as string))) return 'form.err.datetime';
    return Date.parse(from as string) > Date.parse(to as string) ? 'form.err.windowOrder' : null;
  }
  const v = (raw[f.name] ?? '').trim();
  if (v === '') return f.required === 'submit' && f.type !== 'file' ? 'form.err.required' : null;
  switch (f.type) {
    case 'number': {
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n)) return 'form.err.number';
      if (f.integer && !Number.isInteger(n)) return 'form.err.integer';
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return 'form.err.range';
      return null;
    }
    case 'string':
    case 'text':
      return v.length > (f.maxLength ?? (f.type === 'string' ? 1000 : 10_000)) ? 'form.err.tooLong' : null;
    case 'project_id':
      return PROJECT_ID_RE.test(v) ? null : 'form.err.projectId';
    case 'region':
      return regions.some((r) => r.value.toLowerCase() === v.toLowerCase()) ? null : 'form.err.region';
    case 'uuid':
    case 'file':
      return v.split(/[\s,;]+/).filter(Boolean).every(isUuid) ? null : 'form.err.uuid';
    case 'ip':
      return isIp(v) ? null : 'form.err.ip';
    case 'datetime':
      return Number.isNaN(Date.parse(v)) ? 'form.err.datetime' : null;
    case 'choice':
      return (f.options ?? []).some((o) => o.value === v) ? null : 'form.err.choice';
    case 'multi_choice':
      return v.split(',').every((x) => (f.options ?? []).some((o) => o.value === x)) ? null : 'form.err.choice';
  }
}

/** A `datetime-local` value (browser's zone) → ISO 8601 with the zone, as the API wants. */
export function localToIso(v: string): string {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/** The `fields` object of the create/update body for the form's non-column fields (blank values left out). */
export function toApiFields(fields: readonly FieldDefinition[], raw: RawValues, opts: { files?: boolean } = {}): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const f of fields) {
    if (isColumnField(f.name) || (f.type === 'file' && !opts.files)) continue;
    if (f.type === 'time_window') {
      const from = raw[`${f.name}From`];
      const to = raw[`${f.name}To`];
      if (!blank(from)) out[`${f.name}From`] = localToIso(from as string);
      if (!blank(to)) out[`${f.name}To`] = localToIso(to as string);
      continue;
    }
    const v = (raw[f.name] ?? '').trim();
    if (v === '') continue;
    if (f.type === 'number') {
      const n = Number(v.replace(',', '.'));
      out[f.name] = Number.isFinite(n) ? n : v;
    } else if (f.type === 'datetime') out[f.name] = localToIso(v);
    else out[f.name] = v;
  }
  return out;
}

/**
 * Server errors (`body.fields.<name>`, `body.fields.<name>From`, `body.projectId`, `body.resourceIds.0`) by the
 * field they belong to, so each shows under its input.
 */
export function serverFieldErrors(error: unknown, fields: readonly FormField[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    const path = field.replace(/^body\./, '');
    let name = path.startsWith('fields.') ? (path.slice(7).split('.')[0] ?? '') : (path.split('.')[0] ?? '');
    const window = fields.find((f) => f.type === 'time_window' && (name === `${f.name}From` || name === `${f.name}To`));
    if (window) name = window.name;
    if (name) out[name] ??= message;
  }
  return out;
}

/** Raw values of a stored request (for editing its form later). */
export function rawFromStored(fields: ReadonlyArray<FormField & { value: unknown }>): RawValues {
  const raw: RawValues = {};
  const local = (iso: unknown) => {
    if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return typeof iso === 'string' ? iso : '';
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  for (const f of fields) {
    const v = f.value;
    if (f.type === 'time_window') {
      if (v && typeof v === 'object' && 'from' in v) {
        const w = v as { from?: unknown; to?: unknown };
        raw[`${f.name}From`] = local(w.from);
        raw[`${f.name}To`] = local(w.to);
      }
    } else if (Array.isArray(v)) raw[f.name] = v.join(f.type === 'multi_choice' ? ',' : '\n');
    else if (f.type === 'datetime') raw[f.name] = local(v);
    else if (v !== null && v !== undefined) raw[f.name] = String(v);
  }
  return raw;
}
