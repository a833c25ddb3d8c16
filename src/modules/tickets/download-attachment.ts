import type { Readable } from 'node:stream';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from './load-ticket.js';
import { readableVisibilities } from './policy.js';
import type { Attachment } from './upload-attachment.js';

const attachmentNotFound = () => new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found');

function encodeCursor(a: Pick<Attachment, 'created_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([a.created_at.toISOString(), a.id])).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return [d, id];
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid', [{ field: 'querystring.cursor', message: 'invalid cursor' }]);
  }
}

/** The files of a request the actor may see, oldest first, a page at a time (internal ones for staff only). */
export async function listAttachments(ctx: AppContext, actor: Actor, key: string, page: { limit: number; cursor?: string | undefined }) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  let query = ctx.db
    .selectFrom('attachments')
    .selectAll()
    .where('ticket_id', '=', t.id)
    .where('visibility', 'in', readableVisibilities(actor));
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(at, id)));
  }
  const rows = await query.orderBy('created_at').orderBy('id').limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
}

/**
 * One file the actor may see, with a way to open its bytes. Opening is separate so a conditional
 * request (If-None-Match) is answered without touching the disk.
 */
export async function downloadAttachment(
  ctx: AppContext,
  actor: Actor,
  key: string,
  id: string,
): Promise<{ attachment: Attachment; open: () => Promise<Readable> }> {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  // An internal file is reported as missing, not forbidden: its existence is internal too.
  const attachment = await ctx.db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('ticket_id', '=', t.id)
    .where('visibility', 'in', readableVisibilities(actor))
    .executeTakeFirst();
  if (!attachment) throw attachmentNotFound();
  return { attachment, open: () => ctx.blobs.open(attachment.storage_key) };
}
