import type { Kysely } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { DB, Macro, Ticket } from '../../db/schema.js';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../../shared/errors.js';
import { recordEvent } from '../audit/index.js';
import { addMessage, allowedTransitions, changeStatus, loadVisibleTicket, updateTicket, type UpdateTicketInput } from '../tickets/index.js';
import { mayUse } from './policy.js';
import { macroNotFound } from './errors.js';
import { renderTemplate } from './render.js';
import type { MacroActions } from './schemas.js';

async function loadMacro(exec: Executor, actor: Actor, id: string): Promise<Macro> {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  const m = await exec.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
  // A macro of another line or team is reported as missing, like one that does not exist.
  if (!m || !mayUse(actor, m) || !m.active) throw macroNotFound();
  return m;
}

/** What the macro would do to this request: field changes, the rendered message, the status move. */
async function plan(exec: Executor, actor: Actor, t: Ticket, m: Macro) {
  const a = m.actions as unknown as MacroActions;
  const update: UpdateTicketInput = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const problems: Array<{ field: string; message: string }> = [];
  if (a.set?.priority && a.set.priority !== t.priority) {
    update.priority = a.set.priority;
    changes.priority = { from: t.priority, to: a.set.priority };
  }
  if (a.set?.type && a.set.type !== t.type) {
    update.type = a.set.type;
    changes.type = { from: t.type, to: a.set.type };
  }
  if (a.set?.teamId && a.set.teamId !== t.team_id) {
    const team = await exec.selectFrom('teams').select(['id', 'code']).where('id', '=', a.set.teamId).executeTakeFirst();
    if (!team) problems.push({ field: 'actions.set.teamId', message: 'the team no longer exists' });
    else {
      const before = t.team_id ? await exec.selectFrom('teams').select('code').where('id', '=', t.team_id).executeTakeFirst() : undefined;
      update.teamId = team.id;
      changes.team = { from: before?.code ?? null, to: team.code };
    }
  }
  if (a.set?.tags?.length) {
    const current = String((t.fields as Record<string, unknown>).tags ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const merged = [...new Set([...current, ...a.set.tags])];
    if (merged.length !== current.length) {
      update.fields = { tags: merged.join(', ') };
      changes.tags = { from: current, to: merged };
    }
  }
  let message: { visibility: 'public' | 'internal'; body: string } | null = null;
  if (a.message) {
    const people = await exec
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['u.name', 'o.name as org'])
      .where('u.id', '=', t.requester_id)
      .executeTakeFirst();
    const org = people?.org ?? (await exec.selectFrom('organizations').select('name').where('id', '=', t.organization_id).executeTakeFirst())?.name ?? '';
    message = {
      visibility: a.message.visibility,
      body: renderTemplate(a.message.body, { 'customer.name': people?.name ?? '', 'ticket.key': t.key, 'ticket.subject': t.subject, 'agent.name': actor.name, 'org.name': org }),
    };
    if (t.status === 'closed') problems.push({ field: 'actions.message', message: 'the request is closed; no message can be added' });
  }
  let status: { from: string; to: string } | null = null;
  if (a.status && a.status !== t.status) {
    status = { from: t.status, to: a.status };
    if (!allowedTransitions(actor, t).includes(a.status)) problems.push({ field: 'actions.status', message: `a request cannot go from ${t.status} to ${a.status}` });
  }
  return { update, changes, message, status, problems };
}

/** The macro's effect rendered for this request, nothing written. */
export async function previewMacro(ctx: AppContext, actor: Actor, key: string, macroId: string) {
  const m = await loadMacro(ctx.db, actor, macroId);
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const p = await plan(ctx.db, actor, t, m);
  return { macro: { id: m.id, name: m.name }, ticketVersion: t.version, changes: p.changes, message: p.message, status: p.status, problems: p.problems, applicable: p.problems.length === 0 };
}

/** The app context bound to an open transaction: use cases that open their own transaction join this one instead. */
function joined(ctx: AppContext, trx: Executor): AppContext {
  const db = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Executor) => Promise<T>) => fn(trx) });
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...ctx, db: db as unknown as Kysely<DB> };
}

/**
 * Applies every action in one transaction through the ticket use cases (update, add message, change
 * status): all of it or nothing. A stale expected version (If-Match) is a 409 before anything changes.
 */
export async function applyMacro(ctx: AppContext, actor: Actor, key: string, macroId: string, expectedVersion: number | undefined) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadMacro(trx, actor, macroId);
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (expectedVersion !== undefined && expectedVersion !== t.version) {
      throw new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: t.version });
    }
    const p = await plan(trx, actor, t, m);
    const inner = joined(ctx, trx);
    if (Object.keys(p.update).length > 0) await updateTicket(inner, actor, key, p.update, undefined);
    if (p.message) await addMessage(inner, actor, key, { body: p.message.body, visibility: p.message.visibility, source: 'macro' });
    if (p.status) await changeStatus(inner, actor, key, { status: p.status.to as Ticket['status'] });
    const after = await loadVisibleTicket(trx, actor, key);
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.macro_applied',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      visibility: 'internal',
      data: { macroId: m.id, name: m.name },
      at: ctx.clock.now(),
    });
    return { ticketVersion: after.version, status: after.status, changes: p.changes, message: p.message, statusChange: p.status };
  });
}
