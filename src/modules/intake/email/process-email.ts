import { sql } from 'kysely';
import type { AppContext } from '../../../shared/context.js';
import type { Executor } from '../../../db/executor.js';
import type { InboundAttachment, InboundEmailStatus, Ticket } from '../../../db/schema.js';
import { loadActor, type Actor } from '../../identity/actor.js';
import { createTicket, insertMessage } from '../../tickets/index.js';
import { automatedReason, stripQuotedHistory, subjectKey } from './text.js';
import { addressOf } from './addresses.js';

type InboundRow = { id: string; from_address: string | null; from_name: string | null; envelope_from: string | null; message_id: string | null; in_reply_to: string | null; references_ids: string[]; subject: string; headers: Record<string, string>; body_text: string; attachments: InboundAttachment[] };

interface Outcome {
  status: InboundEmailStatus;
  outcome: string;
  ticketId?: string;
  senderId?: string;
}

/**
 * The `email.process` job: decides what an accepted message is (an automated message, a reply to a
 * request, a new request, or mail we refuse) and applies it. Idempotent: a row leaves 'received' once,
 * and a new request is created under an idempotency key derived from the message row.
 */
export async function processInboundEmail(ctx: AppContext, inboundId: string): Promise<Outcome | null> {
  const row = await ctx.db.selectFrom('inbound_emails').selectAll().where('id', '=', inboundId).executeTakeFirst();
  if (!row || row.status !== 'received') return null;
  const automated = automatedReason(row.headers, row.from_address, row.envelope_from, addressOf(ctx.config.mailFrom));
  // Recorded, never answered and never a request: answering an auto-reply is how mail loops start.
  if (automated) return finish(ctx, ctx.db, row.id, { status: 'ignored', outcome: automated });
  if (!row.from_address) return finish(ctx, ctx.db, row.id, { status: 'rejected', outcome: 'no_sender' });
  const senderId = await findSender(ctx, row.from_address, row.from_name);
  if (!senderId) return finish(ctx, ctx.db, row.id, { status: 'rejected', outcome: 'unknown_sender' });
  const actor = await loadActor(ctx.db, senderId, 'session', null);
  if (!actor || actor.kind !== 'customer' || !actor.organizationId) return finish(ctx, ctx.db, row.id, { status: 'rejected', outcome: 'not_a_customer', senderId });

  const thread = await findThread(ctx.db, row, actor.organizationId);
  if (thread.ticketId) {
    const replied = await reply(ctx, row, actor, thread.ticketId);
    if (replied) return replied;
  }
  const created = await createTicket(
    ctx,
    actor,
    {
      subject: (row.subject || '(no subject)').slice(0, 300),
      description: (row.body_text || '(empty message)').slice(0, 100_000),
      channel: 'email',
    },
    `email:${row.id}`,
  );
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockReceived(trx, row.id))) return null;
    await attach(ctx, trx, row, actor, created.ticketId, null);
    await remember(trx, created.ticketId, [row.message_id]);
    const outcome = thread.mismatch ? 'created_thread_mismatch' : thread.closed ? 'created_thread_closed' : 'created';
    return finish(ctx, trx, row.id, { status: 'processed', outcome, ticketId: created.ticketId, senderId });
  });
}

async function reply(ctx: AppContext, row: InboundRow, actor: Actor, ticketId: string): Promise<Outcome | null> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockReceived(trx, row.id))) return { status: 'processed' as const, outcome: 'already_processed' };
    const t: Ticket | undefined = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
    // Organisation checked again under the lock; a closed request gets a new one instead.
    if (!t || t.organization_id !== actor.organizationId || t.status === 'closed') return null;
    const body = stripQuotedHistory(row.body_text) || '(empty message)';
    const msg = await insertMessage(ctx, trx, t, actor, { body: body.slice(0, 100_000), visibility: 'public', source: 'email' }, { touch: true });
    await attach(ctx, trx, row, actor, t.id, msg.id);
    await remember(trx, t.id, [row.message_id]);
    return finish(ctx, trx, row.id, { status: 'processed', outcome: 'replied', ticketId: t.id, senderId: actor.userId });
  });
}

/**
 * The request a message continues: by In-Reply-To / References first, then by the key in the subject.
 * Only requests of the sender's own organisation count — a forged header naming another
 * organisation's thread is noted (mismatch) and the message becomes a new request of the sender's.
 */
async function findThread(exec: Executor, row: InboundRow, organizationId: string) {
  const ids = [...new Set([row.in_reply_to, ...row.references_ids].filter((x): x is string => Boolean(x)))];
  const candidates: Array<{ id: string; organization_id: string; status: string }> = [];
  if (ids.length) {
    candidates.push(
      ...(await exec
        .selectFrom('email_threads as et')
        .innerJoin('tickets as t', 't.id', 'et.ticket_id')
        .select(['t.id', 't.organization_id', 't.status'])
        .where('et.message_id', 'in', ids)
        .orderBy('et.created_at', 'desc')
        .execute()),
    );
  }
  const key = subjectKey(row.subject);
  if (key) {
    const byKey = await exec.selectFrom('tickets').select(['id', 'organization_id', 'status']).where('key', '=', key).executeTakeFirst();
    if (byKey) candidates.push(byKey);
  }
  const own = candidates.filter((c) => c.organization_id === organizationId);
  const open = own.find((c) => c.status !== 'closed');
  return { ticketId: open?.id ?? null, mismatch: candidates.length > 0 && own.length === 0, closed: own.length > 0 && !open };
}

const FREEMAIL = new Set(['gmail.com', 'googlemail.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'proton.me', 'protonmail.com']);

/** The user behind an address; with create-contact, a new contact in the one organisation using that domain. */
async function findSender(ctx: AppContext, address: string, name: string | null): Promise<string | null> {
  const existing = await ctx.db.selectFrom('users').select('id').where(sql`lower(email)`, '=', address.toLowerCase()).executeTakeFirst();
  if (existing) return existing.id;
  if (ctx.config.emailUnknownSenders !== 'create-contact') return null;
  const domain = address.split('@')[1]?.toLowerCase();
  // A shared mail provider's domain says nothing about which customer a sender works for.
  if (!domain || FREEMAIL.has(domain)) return null;
  const orgs = await ctx.db
    .selectFrom('users')
    .innerJoin('organizations as o', 'o.id', 'users.organization_id')
    .select(['o.id', 'o.language'])
    .distinct()
    .where('users.kind', '=', 'customer')
    .where(sql`lower(users.email)`, 'like', `%@${domain.replace(/[\\%_]/g, '\\$&')}`)
    .limit(2)
    .execute();
  const org = orgs.length === 1 ? orgs[0] : undefined;
  if (!org) return null;
  const created = await ctx.db
    .insertInto('users')
    .values({ email: address, name: (name || address).slice(0, 200), kind: 'customer', organization_id: org.id, org_role: 'member', locale: org.language })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  const again = await ctx.db.selectFrom('users').select('id').where(sql`lower(email)`, '=', address.toLowerCase()).executeTakeFirst();
  return again?.id ?? null;
}

async function lockReceived(exec: Executor, id: string): Promise<boolean> {
  const r = await exec.selectFrom('inbound_emails').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
  return r?.status === 'received';
}

async function attach(ctx: AppContext, exec: Executor, row: InboundRow, actor: Actor, ticketId: string, messageId: string | null) {
  for (const a of row.attachments) {
    // A type we don't serve inline (text/html, svg …) is downloaded as opaque bytes.
    const contentType = ctx.config.attachmentTypes.includes(a.contentType) ? a.contentType : 'application/octet-stream';
    await exec
      .insertInto('attachments')
      .values({ ticket_id: ticketId, message_id: messageId, visibility: 'public', file_name: a.fileName, content_type: contentType, size_bytes: a.sizeBytes, sha256: a.sha256, storage_key: a.storageKey, uploaded_by_id: actor.userId })
      .execute();
  }
}

/** Records Message-IDs of a request's thread so later replies find it. */
export async function remember(exec: Executor, ticketId: string, ids: Array<string | null>, direction: 'in' | 'out' = 'in') {
  for (const id of ids) {
    if (!id) continue;
    await exec.insertInto('email_threads').values({ message_id: id, ticket_id: ticketId, direction }).onConflict((oc) => oc.columns(['message_id', 'ticket_id']).doNothing()).execute();
  }
}

async function finish(ctx: AppContext, exec: Executor, id: string, o: Outcome): Promise<Outcome> {
  await exec
    .updateTable('inbound_emails')
    .set({ status: o.status, outcome: o.outcome, ticket_id: o.ticketId ?? null, sender_id: o.senderId ?? null, processed_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .execute();
  return o;
}
