import type { Executor } from '../../db/executor.js';
import type { EscalationRequirement, Ticket } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { fieldForKey, isBound, isFilled, parseStoredForm, type FieldDefinition } from '../catalogue/form-fields.js';
import { settingMap } from './queries.js';

export const requirementKeys = ['project', 'region', 'resourceIds', 'timeWindow', 'errorText'] as const satisfies readonly EscalationRequirement[];

const filled = (v: unknown) => (typeof v === 'string' ? v.trim().length > 0 : v !== null && v !== undefined && v !== false);

type Facts = Pick<Ticket, 'project_id' | 'region' | 'resource_ids' | 'fields'>;

/** Whether the request carries one piece of diagnostic information L1 must collect. */
export function hasRequirement(t: Facts, key: EscalationRequirement): boolean {
  switch (key) {
    case 'project':
      return filled(t.project_id);
    case 'region':
      return filled(t.region);
    case 'resourceIds':
      return t.resource_ids.length > 0;
    case 'timeWindow':
      return filled(t.fields.timeWindow) || (filled(t.fields.timeWindowFrom) && filled(t.fields.timeWindowTo));
    case 'errorText':
      return filled(t.fields.errorText);
  }
}

const isKey = (k: string): k is EscalationRequirement => (requirementKeys as readonly string[]).includes(k);

/** The required keys that are missing, in the canonical order. Unknown keys in the stored list are ignored. */
export function missingRequirements(t: Facts, required: readonly string[]): EscalationRequirement[] {
  return requirementKeys.filter((k) => required.includes(k) && isKey(k) && !hasRequirement(t, k));
}

/** What L1 must have collected: the item's list, else the seeded default for the item's code, else the default for the type. */
export async function requiredInformation(exec: Executor, t: Pick<Ticket, 'catalogue_item_id' | 'type'>): Promise<string[]> {
  const item = t.catalogue_item_id
    ? await exec.selectFrom('catalogue_items').select(['code', 'escalation_requirements']).where('id', '=', t.catalogue_item_id).executeTakeFirst()
    : undefined;
  if (item?.escalation_requirements) return item.escalation_requirements;
  const byItem = item ? (await settingMap(exec, 'lines.default_escalation_requirements_by_item'))[item.code] : undefined;
  if (byItem) return byItem;
  return (await settingMap(exec, 'lines.default_escalation_requirements'))[t.type] ?? [];
}

/** Labels of the requirement keys for requests whose form does not name them. */
const keyLabels: Record<EscalationRequirement, { labelEn: string; labelRu: string }> = {
  project: { labelEn: 'Project ID (mcs + 10 digits)', labelRu: 'ID проекта (mcs + 10 цифр)' },
  region: { labelEn: 'Region or availability zone', labelRu: 'Регион или зона доступности' },
  resourceIds: { labelEn: 'Resource IDs (VM, disk, cluster)', labelRu: 'ID ресурсов (ВМ, диск, кластер)' },
  timeWindow: { labelEn: 'When the problem happened (time window)', labelRu: 'Когда возникла проблема (интервал времени)' },
  errorText: { labelEn: 'The exact error text', labelRu: 'Точный текст ошибки' },
};

export interface MissingItem {
  /** A requirement key (project, region, …) or the name of a form field. */
  key: string;
  labelEn: string;
  labelRu: string;
  helpEn: string;
  helpRu: string;
}

export interface InformationCheck {
  required: string[];
  missing: string[];
  items: MissingItem[];
}

type CheckFacts = Facts & Pick<Ticket, 'catalogue_item_id' | 'type'> & Partial<Pick<Ticket, 'catalogue_form_id'>>;

/** The form a request is judged by: the version it was submitted with, else the item's current form. */
export async function formOfTicket(exec: Executor, t: Pick<Ticket, 'catalogue_item_id'> & Partial<Pick<Ticket, 'catalogue_form_id'>>): Promise<FieldDefinition[]> {
  if (t.catalogue_form_id) {
    const row = await exec.selectFrom('catalogue_forms').select('fields').where('id', '=', t.catalogue_form_id).executeTakeFirst();
    return parseStoredForm(row?.fields);
  }
  if (!t.catalogue_item_id) return [];
  const row = await exec
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_forms as f', 'f.id', 'i.form_id')
    .select('f.fields')
    .where('i.id', '=', t.catalogue_item_id)
    .executeTakeFirst();
  return parseStoredForm(row?.fields);
}

/**
 * "Required before escalation", unified: the requirement keys of the item (or type) plus every form field
 * marked required (to submit or before escalation). A form field bound to a key (projectId, region,
 * resourceIds, timeWindow, errorText) counts as that key, so nothing is listed twice.
 */
export async function checkInformation(exec: Executor, t: CheckFacts, form?: readonly FieldDefinition[]): Promise<InformationCheck> {
  const [keys, fields] = await Promise.all([requiredInformation(exec, t), form ? Promise.resolve(form) : formOfTicket(exec, t)]);
  const needed = fields.filter((f) => f.required !== 'optional');
  const requiredKeys = requirementKeys.filter((k) => keys.includes(k) || needed.some((f) => isBound(f.name) && fieldForKey(k) === f.name));
  const extra = needed.filter((f) => !isBound(f.name));
  const describe = (key: string, f: FieldDefinition | undefined): MissingItem =>
    f
      ? { key, labelEn: f.labelEn, labelRu: f.labelRu, helpEn: f.helpEn, helpRu: f.helpRu }
      : { key, ...keyLabels[key as EscalationRequirement], helpEn: '', helpRu: '' };
  const values = { projectId: t.project_id, region: t.region, resourceIds: t.resource_ids, fields: t.fields };
  const items: MissingItem[] = [
    ...missingRequirements(t, requiredKeys).map((k) => describe(k, fields.find((f) => f.name === fieldForKey(k)))),
    ...extra.filter((f) => !isFilled(f, values)).map((f) => describe(f.name, f)),
  ];
  return { required: [...requiredKeys, ...extra.map((f) => f.name)], missing: items.map((i) => i.key), items };
}

/** 422 ESCALATION_INFO_MISSING listing what is missing (requirement keys, then form field names, with labels). */
export async function assertEscalationInfo(exec: Executor, t: CheckFacts): Promise<void> {
  const { missing, required, items } = await checkInformation(exec, t);
  if (missing.length === 0) return;
  throw new AppError('ESCALATION_INFO_MISSING', `Collect the missing diagnostic information before escalating: ${missing.join(', ')}`, { missing, required, items });
}
