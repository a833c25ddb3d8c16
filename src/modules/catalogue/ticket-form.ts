import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketUpdate } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent, diff } from '../audit/index.js';
import { extractIdents, loadVisibleTicket } from '../tickets/index.js';
import { checkInformation, formOfTicket, type MissingItem } from '../lines/requirements.js';
import { AppError } from '../../shared/errors.js';
import { boundFields, fieldPath, isBound, validatePatch, valueOf, type FieldDefinition, type FormValues, type RegionOption } from './form-fields.js';
import { loadRegions } from './queries.js';
import { assertCanAsk, assertCanFillForm } from './policy.js';
import { formInvalid, nothingMissing } from './errors.js';
import { askForMissingInformation } from './ask-for-information.js';

export interface TicketFormView {
  ticketKey: string;
  status: string;
  version: number;
  catalogueItem: { id: string; code: string; nameEn: string; nameRu: string } | null;
  form: { id: string; version: number; latestVersion: number } | null;
  fields: Array<FieldDefinition & { path: string; value: unknown }>;
  missing: MissingItem[];
  regions: RegionOption[];
}

const valuesOf = (t: Ticket): FormValues => ({ projectId: t.project_id, region: t.region, resourceIds: t.resource_ids, fields: t.fields });

/** The request's form, as submitted (its stored version), with the values and what is still missing. */
export async function presentTicketForm(exec: Executor, t: Ticket): Promise<TicketFormView> {
  const [item, version, fields, regions] = await Promise.all([
    t.catalogue_item_id ? exec.selectFrom('catalogue_items').select(['id', 'code', 'name_en', 'name_ru']).where('id', '=', t.catalogue_item_id).executeTakeFirst() : undefined,
    t.catalogue_form_id
      ? exec
          .selectFrom('catalogue_forms as f')
          .select(['f.id', 'f.version', (eb) => eb.selectFrom('catalogue_forms as g').select((e2) => e2.fn.max('g.version').as('m')).whereRef('g.catalogue_item_id', '=', 'f.catalogue_item_id').as('latest')])
          .where('f.id', '=', t.catalogue_form_id)
          .executeTakeFirst()
      : undefined,
    formOfTicket(exec, t),
    loadRegions(exec),
  ]);
  const check = await checkInformation(exec, t, fields);
  const values = valuesOf(t);
  return {
    ticketKey: t.key,
    status: t.status,
    version: t.version,
    catalogueItem: item ? { id: item.id, code: item.code, nameEn: item.name_en, nameRu: item.name_ru } : null,
    form: version ? { id: version.id, version: version.version, latestVersion: version.latest ?? version.version } : null,
    fields: fields.map((f) => {
      const key = isBound(f.name) ? boundFields[f.name].key : f.name;
      const required = f.required === 'optional' && check.required.includes(key) ? 'escalation' : f.required;
      return { ...f, required, path: fieldPath(f).replace(/^body\./, ''), value: valueOf(f, values) ?? null };
    }),
    missing: check.items,
    regions,
  };
}

export async function getTicketForm(ctx: AppContext, actor: Actor, key: string): Promise<TicketFormView> {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  return presentTicketForm(ctx.db, t);
}

export interface FormPatch {
  projectId?: string | null;
  region?: string | null;
  resourceIds?: string[];
  fields?: Record<string, string | number | boolean | null>;
  version?: number;
}

/**
 * The customer (or an agent) fills in or corrects the request's form values, validated against the form
 * version the request was submitted with. A customer completing what was asked resumes a request that was
 * waiting on them (pending_customer → open; the SLA clocks resume with it).
 */
export async function updateTicketForm(ctx: AppContext, actor: Actor, key: string, patch: FormPatch): Promise<TicketFormView> {
  assertCanFillForm(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (patch.version !== undefined && patch.version !== t.version) {
      throw new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: t.version });
    }
    if (t.status === 'closed') throw new AppError('INVALID_TRANSITION', 'The request is closed; its form can no longer change', { status: 'closed' });
    const form = await formOfTicket(trx, t);
    const touched = new Set<string>(Object.keys(patch.fields ?? {}));
    for (const k of ['projectId', 'region', 'resourceIds'] as const) if (patch[k] !== undefined) touched.add(k);
    if (touched.size === 0) throw formInvalid([{ field: 'body', message: 'nothing to change: give fields, projectId, region or resourceIds' }]);

    const fields: Record<string, unknown> = { ...t.fields };
    for (const [k, v] of Object.entries(patch.fields ?? {})) {
      if (v === null) delete fields[k];
      else fields[k] = v;
    }
    const merged: FormValues = {
      projectId: patch.projectId !== undefined ? patch.projectId : t.project_id,
      region: patch.region !== undefined ? patch.region : t.region,
      resourceIds: patch.resourceIds ?? t.resource_ids,
      fields,
    };
    const regions = await loadRegions(trx);
    const errors = validatePatch(form, merged, touched, regions);
    await checkReferences(trx, t, form, merged, touched, errors);
    if (errors.length) throw formInvalid(errors);

    const now = ctx.clock.now();
    const next: TicketUpdate = {
      project_id: merged.projectId ?? null,
      region: merged.region?.trim() || null,
      resource_ids: [...(merged.resourceIds ?? [])],
      fields: JSON.stringify(fields),
      updated_at: now,
      version: t.version + 1,
    };
    const changes = diff({ projectId: t.project_id, region: t.region, resourceIds: t.resource_ids, fields: t.fields } as Record<string, unknown>, {
      projectId: next.project_id,
      region: next.region,
      resourceIds: next.resource_ids,
      fields,
    });
    const after = { ...t, project_id: next.project_id ?? null, region: next.region ?? null, resource_ids: next.resource_ids ?? [], fields };
    const check = await checkInformation(trx, after, form);
    const resume = actor.kind === 'customer' && t.status === 'pending_customer' && check.missing.length === 0;
    if (resume) {
      next.status = 'open';
      changes.status = { from: t.status, to: 'open' };
    }
    const idents = extractIdents(next.project_id ?? undefined, (next.resource_ids ?? []).join(' '));
    if (idents && !t.idents.includes(idents)) next.idents = `${t.idents} ${idents}`.trim();
    await trx.updateTable('tickets').set(next).where('id', '=', t.id).execute();
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.form_updated',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      changes,
      data: { authorKind: actor.kind, missing: check.missing, resumed: resume },
      at: now,
    });
    return presentTicketForm(trx, { ...t, ...after, status: resume ? 'open' : t.status, version: t.version + 1, updated_at: now, idents: next.idents ?? t.idents });
  });
}

/** The project must be the customer's; an attachment field must name an attachment of this request. */
async function checkReferences(exec: Executor, t: Ticket, form: FieldDefinition[], v: FormValues, touched: Set<string>, errors: Array<{ field: string; message: string }>) {
  if (touched.has('projectId') && v.projectId && !errors.some((e) => e.field === 'body.projectId')) {
    const p = await exec.selectFrom('organization_projects').select('organization_id').where('project_id', '=', v.projectId).executeTakeFirst();
    if (p?.organization_id !== t.organization_id) errors.push({ field: 'body.projectId', message: "the project does not belong to the customer's organisation" });
  }
  for (const f of form) {
    if (f.type !== 'file' || !touched.has(f.name)) continue;
    const id = v.fields?.[f.name];
    if (typeof id !== 'string' || errors.some((e) => e.field === fieldPath(f))) continue;
    const a = await exec.selectFrom('attachments').select('id').where('id', '=', id).where('ticket_id', '=', t.id).where('visibility', '=', 'public').executeTakeFirst();
    if (!a) errors.push({ field: fieldPath(f), message: 'no such attachment on this request: upload the file to the request first' });
  }
}

/** An agent asks the customer for what is missing now (the same message and pause as the automatic ask). */
export async function askCustomer(ctx: AppContext, actor: Actor, key: string): Promise<TicketFormView> {
  assertCanAsk(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    const check = await checkInformation(trx, t);
    if (check.missing.length === 0) throw nothingMissing();
    if (t.status !== 'new' && t.status !== 'open') {
      throw new AppError('INVALID_TRANSITION', `A ${t.status} request cannot be put on the customer`, { from: t.status, to: 'pending_customer' });
    }
    await askForMissingInformation(ctx, trx, t, actor.kind === 'staff' ? actor.userId : null);
    const after = await trx.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    return presentTicketForm(trx, after);
  });
}
