import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import { recordEvent } from '../audit/index.js';
import { queueNotification } from '../intake/email/index.js';
import { checkInformation } from '../lines/requirements.js';
import { renderMissingInfoMessage } from './missing-info-message.js';

export interface AskResult {
  asked: boolean;
  missing: string[];
  messageId: string | null;
}

/** The disabled integration account tierdesk's own messages are authored by (migration 0007). */
export const SYSTEM_USER_ID = '00000000-0000-4000-8000-0000000000d5';

/** Statuses from which tierdesk may put a request on the customer: it is with support and not waiting already. */
const askable: readonly string[] = ['new', 'open'];

/**
 * The missing-information loop: when the request lacks what its catalogue item needs before escalation,
 * post a public message to the requester listing exactly that (in the requester's language), and put the
 * request in pending_customer (the SLA subscriber pauses the clocks on that status change). The customer's
 * reply (portal or e-mail) or filling in the fields resumes it. `actorId` null = tierdesk itself.
 */
export async function askForMissingInformation(ctx: AppContext, exec: Executor, t: Ticket, actorId: string | null): Promise<AskResult> {
  const check = await checkInformation(exec, t);
  if (check.missing.length === 0 || !askable.includes(t.status)) return { asked: false, missing: check.missing, messageId: null };
  const who = await exec
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.locale', 'o.language'])
    .where('u.id', '=', t.requester_id)
    .executeTakeFirst();
  const locale = who?.locale ?? who?.language ?? 'ru';
  const body = renderMissingInfoMessage(locale, { ticketKey: t.key, items: check.items });
  const now = ctx.clock.now();
  const msg = await exec
    .insertInto('ticket_messages')
    .values({ ticket_id: t.id, author_id: actorId ?? SYSTEM_USER_ID, visibility: 'public', body, source: 'catalogue.missing_info', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await exec
    .updateTable('tickets')
    .set({ status: 'pending_customer', updated_at: now, version: t.version + 1, ...(actorId && !t.first_response_at ? { first_response_at: now } : {}) })
    .where('id', '=', t.id)
    .execute();
  const authorKind = actorId ? 'staff' : 'system';
  const replied = { type: 'ticket.replied', ticketId: t.id, organizationId: t.organization_id, actorId, visibility: 'public' as const, data: { messageId: msg.id, authorKind }, at: now };
  await recordEvent(exec, ctx.jobs, replied);
  // A requester who wrote in by e-mail gets the question by e-mail too, from the editable missing_information
  // template (an agent's ask is also mailed as a staff reply by the e-mail channel; the key keeps it to one).
  if (t.channel === 'email' && !actorId) {
    const missingFields = check.items.map((i) => (locale === 'ru' ? i.labelRu : i.labelEn));
    await queueNotification(exec, ctx.jobs, { ticketId: t.id, template: 'missing_information', vars: { missing_fields: missingFields }, key: `missing_information:${msg.id}` });
  }
  await recordEvent(exec, ctx.jobs, {
    type: 'ticket.info_requested',
    ticketId: t.id,
    organizationId: t.organization_id,
    actorId,
    changes: { status: { from: t.status, to: 'pending_customer' } },
    data: { missing: check.missing, messageId: msg.id, automatic: !actorId },
    at: now,
  });
  return { asked: true, missing: check.missing, messageId: msg.id };
}

/** The `catalogue.missing_info` job: re-checks under the row lock (the request may have changed since it was queued). */
export async function runMissingInfoJob(ctx: AppContext, ticketId: string): Promise<AskResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
    if (!t) return { asked: false, missing: [], messageId: null };
    // Once per request automatically: a later ask is a person's decision (POST /tickets/{key}/form/ask).
    const before = await trx.selectFrom('events').select('id').where('ticket_id', '=', t.id).where('type', '=', 'ticket.info_requested').limit(1).executeTakeFirst();
    if (before) return { asked: false, missing: [], messageId: null };
    return askForMissingInformation(ctx, trx, t, null);
  });
}
