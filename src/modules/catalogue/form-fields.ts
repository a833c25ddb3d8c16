/**
 * Catalogue form fields: their definition, where each value lives on a request, and the validators.
 * Pure (no database): used by intake, the form endpoints, the missing-information loop and escalation.
 */
import net from 'node:net';
import { z } from 'zod';

export const fieldTypes = ['string', 'text', 'number', 'choice', 'multi_choice', 'project_id', 'region', 'uuid', 'ip', 'time_window', 'datetime', 'file'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** submit: the request cannot be registered without it; escalation: L1 must collect it before escalating. */
export const requiredLevels = ['submit', 'escalation', 'optional'] as const;
export type RequiredLevel = (typeof requiredLevels)[number];

export interface RegionOption {
  value: string;
  nameEn: string;
  nameRu: string;
}

/**
 * Field names bound to a request column or to one of the escalation requirement keys of the lines module
 * (src/modules/lines/requirements.ts): projectId, region and resourceIds are the request's own columns
 * (top-level in the create body), timeWindow and errorText live in `fields` like any other field.
 */
export const boundFields = {
  projectId: { key: 'project', types: ['project_id'], path: 'projectId' },
  region: { key: 'region', types: ['region'], path: 'region' },
  resourceIds: { key: 'resourceIds', types: ['uuid', 'string'], path: 'resourceIds' },
  timeWindow: { key: 'timeWindow', types: ['time_window'], path: 'fields.timeWindow' },
  errorText: { key: 'errorText', types: ['text', 'string'], path: 'fields.errorText' },
} as const satisfies Record<string, { key: string; types: readonly FieldType[]; path: string }>;
export type BoundName = keyof typeof boundFields;
export const isBound = (name: string): name is BoundName => Object.hasOwn(boundFields, name);
/** The field bound to an escalation requirement key, if any. */
export const fieldForKey = (key: string): BoundName | undefined => (Object.keys(boundFields) as BoundName[]).find((n) => boundFields[n].key === key);

const label = z.string().trim().min(1).max(200);
const help = z.string().trim().max(1000).default('');
const optionSchema = z.object({
  value: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - (no commas), at most 64'),
  labelEn: label,
  labelRu: label,
});

export const fieldDefinition = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z0-9]{0,47}$/, 'camelCase: a lowercase letter, then letters and digits (at most 48)'),
    type: z.enum(fieldTypes),
    labelEn: label,
    labelRu: label,
    helpEn: help,
    helpRu: help,
    required: z.enum(requiredLevels).default('optional'),
    options: z.array(optionSchema).max(200).optional().describe('choice and multi_choice only'),
    min: z.number().finite().optional().describe('number only'),
    max: z.number().finite().optional().describe('number only'),
    integer: z.boolean().optional().describe('number only'),
    maxLength: z.number().int().min(1).max(10_000).optional().describe('string and text only'),
  })
  .superRefine((f, c) => {
    const choice = f.type === 'choice' || f.type === 'multi_choice';
    if (choice && !f.options?.length) c.addIssue({ code: 'custom', path: ['options'], message: 'a choice needs at least one option' });
    if (!choice && f.options?.length) c.addIssue({ code: 'custom', path: ['options'], message: 'only choice fields have options' });
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) c.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) c.addIssue({ code: 'custom', path: ['min'], message: 'min must not exceed max' });
    if (isBound(f.name) && !(boundFields[f.name].types as readonly string[]).includes(f.type)) {
      c.addIssue({ code: 'custom', path: ['type'], message: `the ${f.name} field must be of type ${boundFields[f.name].types.join(' or ')}` });
    }
    if (f.type === 'file' && f.required === 'submit') c.addIssue({ code: 'custom', path: ['required'], message: 'a file is attached once the request exists: make it required before escalation instead' });
  });
export type FieldDefinition = z.infer<typeof fieldDefinition>;

export const formDefinition = z
  .array(fieldDefinition)
  .max(60)
  .superRefine((fields, c) => {
    const names = new Set<string>();
    fields.forEach((f, i) => {
      const taken = f.type === 'time_window' ? [f.name, `${f.name}From`, `${f.name}To`] : [f.name];
      for (const n of taken) {
        if (names.has(n)) c.addIssue({ code: 'custom', path: [i, 'name'], message: `the name ${n} is used twice` });
        names.add(n);
      }
    });
  });

/** What a request carries, in create-body shape (columns top-level, the rest in `fields`). */
export interface FormValues {
  projectId?: string | null;
  region?: string | null;
  resourceIds?: readonly string[] | null;
  fields?: Readonly<Record<string, unknown>> | null;
}

export interface FieldError {
  field: string;
  message: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECT_RE = /^mcs\d{10}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The error path of a field (where the client puts its value). */
export function fieldPath(f: Pick<FieldDefinition, 'name'>, part?: 'From' | 'To'): string {
  if (isBound(f.name) && (f.name === 'projectId' || f.name === 'region' || f.name === 'resourceIds')) return `body.${f.name}`;
  return `body.fields.${f.name}${part ?? ''}`;
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const typeName = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'an object');
const wrongType = (expected: string, v: unknown) => `wrong type: expected ${expected}, got ${typeName(v)}`;

/** The raw value(s) of a field on a request; a time window is `{ from, to }`. */
export function valueOf(f: Pick<FieldDefinition, 'name' | 'type'>, v: FormValues): unknown {
  if (f.name === 'projectId') return v.projectId ?? undefined;
  if (f.name === 'region') return v.region ?? undefined;
  if (f.name === 'resourceIds') return v.resourceIds ?? undefined;
  const fields = v.fields ?? {};
  if (f.type === 'time_window') {
    const from = fields[`${f.name}From`];
    const to = fields[`${f.name}To`];
    if (empty(from) && empty(to)) return empty(fields[f.name]) ? undefined : { legacy: fields[f.name] };
    return { from, to };
  }
  return fields[f.name];
}

/** Whether a field has a value (a time window needs both ends; free text recorded before forms also counts). */
export function isFilled(f: Pick<FieldDefinition, 'name' | 'type'>, v: FormValues): boolean {
  const value = valueOf(f, v);
  if (f.type === 'time_window' && value && typeof value === 'object' && !('legacy' in value)) {
    const w = value as { from: unknown; to: unknown };
    return !empty(w.from) && !empty(w.to);
  }
  return !empty(value);
}

function checkDatetime(v: unknown): string | null {
  if (typeof v !== 'string') return wrongType('a date-time string', v);
  const bad = 'bad format: an ISO 8601 date-time with a time zone, e.g. 2026-03-01T10:00:00+03:00';
  if (!DATETIME_RE.test(v) || Number.isNaN(Date.parse(v))) return bad;
  // Date.parse rolls 30 February over into March: check the calendar date and the clock as written.
  const [y, m, d, hh, mm] = [v.slice(0, 4), v.slice(5, 7), v.slice(8, 10), v.slice(11, 13), v.slice(14, 16)].map(Number) as [number, number, number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || m < 1 || m > 12 || hh > 23 || mm > 59) return bad;
  return null;
}

function checkOne(f: FieldDefinition, v: unknown, regions: readonly RegionOption[]): string | null {
  switch (f.type) {
    case 'string':
    case 'text': {
      if (typeof v !== 'string') return wrongType('a string', v);
      const max = f.maxLength ?? (f.type === 'string' ? 1000 : 10_000);
      return v.length > max ? `too long: at most ${max} characters` : null;
    }
    case 'number': {
      if (typeof v !== 'number') return wrongType('a number', v);
      if (!Number.isFinite(v)) return 'bad format: a finite number';
      if (f.integer && !Number.isInteger(v)) return 'bad format: a whole number';
      if (f.min !== undefined && v < f.min) return `out of range: at least ${f.min}`;
      if (f.max !== undefined && v > f.max) return `out of range: at most ${f.max}`;
      return null;
    }
    case 'choice': {
      if (typeof v !== 'string') return wrongType('a string', v);
      const values = (f.options ?? []).map((o) => o.value);
      return values.includes(v) ? null : `not one of the options: ${values.join(', ')}`;
    }
    case 'multi_choice': {
      // `fields` holds scalars: several choices are one comma-separated string ("ssd,hdd"); a list is accepted too.
      const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : null;
      if (!list) return wrongType('a comma-separated string of option values', v);
      const values = (f.options ?? []).map((o) => o.value);
      const bad = list.filter((x) => typeof x !== 'string' || !values.includes(x));
      if (bad.length) return `not among the options (${values.join(', ')}): ${bad.map(String).join(', ')}`;
      return new Set(list).size === list.length ? null : 'an option is chosen twice';
    }
    case 'project_id':
      if (typeof v !== 'string') return wrongType('a string', v);
      return PROJECT_RE.test(v) ? null : "bad format: a project ID is 'mcs' followed by 10 digits, e.g. mcs0123456789";
    case 'region': {
      if (typeof v !== 'string') return wrongType('a string', v);
      const ok = regions.some((r) => r.value.toLowerCase() === v.trim().toLowerCase());
      return ok ? null : `not a known region or zone: ${regions.map((r) => r.value).join(', ')}`;
    }
    case 'uuid':
    case 'file':
      if (typeof v !== 'string') return wrongType(f.type === 'file' ? 'an attachment ID' : 'a UUID string', v);
      return UUID_RE.test(v) ? null : `bad format: ${f.type === 'file' ? 'an attachment ID (UUID)' : 'a UUID'}, e.g. 3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192`;
    case 'ip':
      if (typeof v !== 'string') return wrongType('a string', v);
      return net.isIP(v.trim()) ? null : 'bad format: an IPv4 or IPv6 address, e.g. 192.0.2.10 or 2001:db8::1';
    case 'datetime':
      return checkDatetime(v);
    case 'time_window':
      return null; // checked by the caller: two values
  }
}

/** Format and type errors of one field's present value (nothing when the value is absent). */
export function checkField(f: FieldDefinition, v: FormValues, regions: readonly RegionOption[]): FieldError[] {
  const value = valueOf(f, v);
  if (empty(value)) return [];
  if (f.type === 'time_window') {
    if ('legacy' in (value as object)) return [];
    const w = value as { from: unknown; to: unknown };
    const errs: FieldError[] = [];
    for (const [part, x] of [['From', w.from], ['To', w.to]] as const) {
      if (empty(x)) errs.push({ field: fieldPath(f, part), message: `required: a time window needs both ${part === 'From' ? 'the start' : 'the end'} and the other end` });
      else {
        const m = checkDatetime(x);
        if (m) errs.push({ field: fieldPath(f, part), message: m });
      }
    }
    if (!errs.length && Date.parse(w.from as string) > Date.parse(w.to as string)) errs.push({ field: fieldPath(f), message: 'bad time window: from must not be after to' });
    return errs;
  }
  if (f.name === 'resourceIds') {
    if (!Array.isArray(value)) return [{ field: fieldPath(f), message: wrongType('a list', value) }];
    const errs: FieldError[] = [];
    value.forEach((x, i) => {
      const m = checkOne(f, x, regions);
      if (m) errs.push({ field: `${fieldPath(f)}.${i}`, message: m });
    });
    return errs;
  }
  const m = checkOne(f, value, regions);
  return m ? [{ field: fieldPath(f), message: m }] : [];
}

/** Every problem of a submission against a form: missing required-to-submit values, wrong types, bad formats. */
export function validateSubmission(form: readonly FieldDefinition[], v: FormValues, regions: readonly RegionOption[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of form) {
    if (f.required === 'submit' && !isFilled(f, v)) {
      errs.push({ field: fieldPath(f), message: `missing: ${f.labelEn} is required to submit this request` });
      continue;
    }
    errs.push(...checkField(f, v, regions));
  }
  return errs;
}

/**
 * Validation of a partial update: only the values being set are checked, and a value required to submit
 * cannot be removed. `patch` has the same shape as FormValues; a null in `fields` removes that value.
 */
export function validatePatch(form: readonly FieldDefinition[], merged: FormValues, touched: ReadonlySet<string>, regions: readonly RegionOption[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of form) {
    const keys = f.type === 'time_window' ? [f.name, `${f.name}From`, `${f.name}To`] : [f.name];
    if (!keys.some((k) => touched.has(k))) continue;
    if (f.required === 'submit' && !isFilled(f, merged)) {
      errs.push({ field: fieldPath(f), message: `missing: ${f.labelEn} is required and cannot be removed` });
      continue;
    }
    errs.push(...checkField(f, merged, regions));
  }
  return errs;
}

/** Stored form JSON → definitions; tolerant of rows written by older code (drops what no longer parses). */
export function parseStoredForm(json: unknown): FieldDefinition[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((x) => {
    const r = fieldDefinition.safeParse(x);
    return r.success ? [r.data] : [];
  });
}
