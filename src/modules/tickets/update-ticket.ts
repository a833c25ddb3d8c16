import type { AppContext } from '../../shared/context.js';
import type { TicketUpdate } from '../../db/schema.js';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { diff, recordEvent } from '../audit/index.js';
import { assertStaff } from './policy.js';
import { loadVisibleTicket } from './load-ticket.js';
import type { UpdateTicketInput } from './schemas.js';
import { invalidField, versionConflict } from './errors.js';

const columns = {
  subject: 'subject',
  type: 'type',
  priority: 'priority',
  catalogueItemId: 'catalogue_item_id',
  region: 'region',
  projectId: 'project_id',
  resourceIds: 'resource_ids',
  lineId: 'line_id',
  teamId: 'team_id',
  assigneeId: 'assignee_id',
  vendorId: 'vendor_id',
} as const;

/** Staff edit a request's fields with optimistic concurrency: a stale version is a 409, never a lost update. */
export async function updateTicket(ctx: AppContext, actor: Actor, key: string, input: UpdateTicketInput, expectedVersion: number | undefined) {
  assertStaff(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    const version = expectedVersion ?? input.version;
    if (version !== undefined && version !== t.version) throw versionConflict(t.version);
    await validateReferences(trx, t.organization_id, input);

    const set: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(columns) as Array<[keyof typeof columns, (typeof columns)[keyof typeof columns]]>) {
      if (input[field] === undefined) continue;
      set[field] = input[field];
      before[field] = t[column];
    }
    if (input.fields) {
      const merged: Record<string, unknown> = { ...t.fields };
      for (const [k, v] of Object.entries(input.fields)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      set.fields = merged;
      before.fields = t.fields;
    }
    if (input.teamId && input.lineId === undefined) {
      const team = await trx.selectFrom('teams').select(['line_id', 'confidential']).where('id', '=', input.teamId).executeTakeFirstOrThrow();
      set.lineId = team.line_id;
      before.lineId = t.line_id;
    }
    const changes = diff(before, set);
    if (Object.keys(changes).length === 0) return t;

    const now = ctx.clock.now();
    const patch: TicketUpdate = { updated_at: now, version: t.version + 1 };
    for (const field of Object.keys(changes) as Array<keyof typeof columns | 'fields'>) {
      if (field === 'fields') patch.fields = JSON.stringify(set.fields);
      else (patch as Record<string, unknown>)[columns[field]] = set[field];
    }
    if (changes.teamId) {
      const team = input.teamId
        ? await trx.selectFrom('teams').select('confidential').where('id', '=', input.teamId).executeTakeFirstOrThrow()
        : { confidential: false };
      patch.confidential = team.confidential || (input.type ?? t.type) === 'security';
    }
    // Taking a new request into work opens it.
    if (changes.assigneeId && input.assigneeId && t.status === 'new') {
      patch.status = 'open';
      changes.status = { from: 'new', to: 'open' };
    }
    const updated = await trx
      .updateTable('tickets')
      .set(patch)
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw versionConflict(t.version + 1);
    await recordEvent(trx, ctx.jobs, {
      type: changes.assigneeId ? 'ticket.assigned' : 'ticket.updated',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      visibility: 'internal',
      changes,
      at: now,
    });
    return updated;
  });
}

async function validateReferences(exec: Executor, organizationId: string, input: UpdateTicketInput) {
  const checks: Array<() => Promise<void>> = [];
  const exists = (table: 'lines' | 'teams' | 'catalogue_items' | 'vendors', id: string, field: string) =>
    exec
      .selectFrom(table)
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()
      .then((r) => {
        if (!r) throw invalidField(field, 'does not exist');
      });
  const { lineId, teamId, catalogueItemId, vendorId, assigneeId, projectId } = input;
  if (lineId) checks.push(() => exists('lines', lineId, 'lineId'));
  if (teamId) checks.push(() => exists('teams', teamId, 'teamId'));
  if (catalogueItemId) checks.push(() => exists('catalogue_items', catalogueItemId, 'catalogueItemId'));
  if (vendorId) checks.push(() => exists('vendors', vendorId, 'vendorId'));
  if (assigneeId) {
    checks.push(() =>
      exec
        .selectFrom('users')
        .select('id')
        .where('id', '=', assigneeId)
        .where('kind', '=', 'staff')
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
        .then((r) => {
          if (!r) throw invalidField('assigneeId', 'not an active staff member');
        }),
    );
  }
  if (projectId) {
    checks.push(() =>
      exec
        .selectFrom('organization_projects')
        .select('organization_id')
        .where('project_id', '=', projectId)
        .executeTakeFirst()
        .then((r) => {
          if (r?.organization_id !== organizationId) throw invalidField('projectId', "the project does not belong to the customer's organisation");
        }),
    );
  }
  // One at a time: a transaction has one connection.
  for (const check of checks) await check();
}
