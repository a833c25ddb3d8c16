import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../../shared/errors.js';
import { recordEvent } from '../audit/index.js';
import { insertMessage, loadVisibleTicket } from '../tickets/index.js';
import { canTransition, transitions } from '../tickets/status-machine.js';
import { alreadyLinked, invalidField } from './errors.js';
import { checkDuplicatePair, findLink, loadTarget, recordLinkEvents } from './links.js';
import { assertSupportStaff } from './policy.js';

const note = {
  en: (key: string, subject: string) =>
    `This request duplicates ${key} "${subject}". We are handling the problem there and have added you to its watchers, so you will receive its updates. Your messages here are kept.`,
  ru: (key: string, subject: string) =>
    `Это обращение дублирует ${key} «${subject}». Мы решаем проблему в нём и добавили вас в наблюдатели, поэтому вы будете получать его обновления. Ваши сообщения здесь сохранены.`,
};

/**
 * Marks the request a duplicate of an original of the same organisation and resolves it: the link, a public
 * note to the customer naming the original (in the organisation's language), the requester added as a
 * watcher of the original, and history on both requests. The duplicate's messages stay where they are.
 */
export async function markDuplicate(ctx: AppContext, actor: Actor, key: string, input: { originalKey: string; comment?: string }, expectedVersion?: number) {
  assertSupportStaff(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadVisibleTicket(trx, actor, key, true);
    if (expectedVersion !== undefined && expectedVersion !== t.version) {
      throw new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: t.version });
    }
    if (input.originalKey.toUpperCase() === t.key) throw invalidField('body.originalKey', 'a request cannot duplicate itself');
    const original = await loadTarget(trx, actor, input.originalKey, 'body.originalKey');
    if (original.status === 'closed') throw invalidField('body.originalKey', `${original.key} is closed; link the requests as related instead`);
    if (!canTransition(t.status, 'resolved')) {
      throw new AppError('INVALID_TRANSITION', `A ${t.status} request cannot be resolved as a duplicate`, { from: t.status, to: 'resolved', allowed: transitions[t.status] });
    }
    await checkDuplicatePair(trx, t, original, 'body.originalKey');
    const existing = await findLink(trx, t.id, original.id);
    if (existing && existing.kind === 'duplicate_of' && existing.ticket_id !== t.id) throw alreadyLinked(`${original.key} is a duplicate of ${t.key}`);
    const now = ctx.clock.now();
    if (!existing || existing.kind !== 'duplicate_of') {
      if (existing) await trx.deleteFrom('ticket_links').where('id', '=', existing.id).execute();
      await trx.insertInto('ticket_links').values({ ticket_id: t.id, target_id: original.id, kind: 'duplicate_of', created_by_id: actor.userId, created_at: now }).execute();
      await recordLinkEvents(ctx, trx, actor, 'ticket.linked', t, original, 'duplicate_of');
    }
    const updated = await trx
      .updateTable('tickets')
      .set({ status: 'resolved', resolved_at: now, updated_at: now, version: t.version + 1 })
      .where('id', '=', t.id)
      .where('version', '=', t.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    const org = await trx.selectFrom('organizations').select('language').where('id', '=', t.organization_id).executeTakeFirstOrThrow();
    const body = [note[org.language](original.key, original.subject), input.comment?.trim()].filter(Boolean).join('\n\n');
    await insertMessage(ctx, trx, updated, actor, { body, visibility: 'public' }, { touch: false });
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.resolved',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      changes: { status: { from: t.status, to: 'resolved' } },
      data: { duplicateOf: original.key },
      at: now,
    });
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.marked_duplicate',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      data: { originalKey: original.key },
      at: now,
    });
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.duplicate_attached',
      ticketId: original.id,
      organizationId: original.organization_id,
      actorId: actor.userId,
      data: { duplicateKey: t.key },
      at: now,
    });
    if (t.requester_id !== original.requester_id) {
      await trx
        .insertInto('ticket_watchers')
        .values({ ticket_id: original.id, user_id: t.requester_id, added_by_id: actor.userId, created_at: now })
        .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
        .execute();
    }
    return trx.selectFrom('tickets').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
  });
}
