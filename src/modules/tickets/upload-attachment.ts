import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { AttachmentsTable, Ticket, Visibility } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { isStaffLike, readableVisibilities } from './policy.js';
import { loadVisibleTicket } from './load-ticket.js';

export type Attachment = Selectable<AttachmentsTable>;

// Control characters (NUL, CR/LF for header injection), lone surrogates (cannot be encoded for the
// download header) and bidi overrides (`photo‮gpj.exe` shows as `photoexe.jpg`) have no place in a file name.
const forbiddenInName = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;

/** The name is only a label (storage is by checksum), but it ends up on the downloader's disk: no paths. */
export const fileNameSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1)
  .max(255)
  .refine((n) => !/[/\\]/.test(n), 'must not contain / or \\')
  .refine((n) => !forbiddenInName.test(n), 'must not contain control or direction characters')
  .refine((n) => !/^\.+$/.test(n), 'must not be . or ..');

export interface UploadInput {
  fileName: string;
  /** The request's Content-Type; parameters are dropped. */
  contentType: string;
  visibility: Visibility;
  messageId?: string | undefined;
}

/** `Text/Plain; charset=utf-8` → `text/plain`. */
export const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export function assertAllowedType(config: Pick<Config, 'attachmentTypes'>, contentType: string | undefined): string {
  const type = mediaTypeOf(contentType);
  if (!type || !config.attachmentTypes.includes(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Files of type '${type || 'unknown'}' are not accepted`, { allowed: config.attachmentTypes });
  }
  return type;
}

function assertUploadable(actor: Actor, t: Ticket, visibility: Visibility): void {
  if (visibility === 'internal' && !isStaffLike(actor)) throw new AppError('FORBIDDEN', 'Only staff may add internal files');
  if (t.status === 'closed') {
    throw new AppError('INVALID_TRANSITION', 'The request is closed; create a new request instead', { status: 'closed' });
  }
}

async function assertMessage(exec: Executor, actor: Actor, t: Ticket, messageId: string, visibility: Visibility): Promise<void> {
  const m = await exec
    .selectFrom('ticket_messages')
    .select('visibility')
    .where('id', '=', messageId)
    .where('ticket_id', '=', t.id)
    .where('visibility', 'in', readableVisibilities(actor))
    .executeTakeFirst();
  const field = (message: string) => [{ field: 'querystring.messageId', message }];
  if (!m) throw new AppError('VALIDATION_FAILED', 'No such message on this request', field('not found'));
  // A public file on an internal note would surface in the customer's list without its note.
  if (m.visibility === 'internal' && visibility === 'public') {
    throw new AppError('VALIDATION_FAILED', 'A file on an internal note must be internal', field('internal message'));
  }
}

/**
 * Streams the file to the blob store, then records it with its history event in one transaction.
 * The blob lands first: a row must never point at bytes that are not on disk. If the transaction then
 * fails the blob stays behind unreferenced, which is harmless (content-addressed, possibly shared).
 */
export async function uploadAttachment(ctx: AppContext, actor: Actor, key: string, input: UploadInput, body: Readable): Promise<Attachment> {
  const parsedName = fileNameSchema.safeParse(input.fileName);
  if (!parsedName.success) {
    const details = parsedName.error.issues.map((i) => ({ field: 'querystring.fileName', message: i.message }));
    throw new AppError('VALIDATION_FAILED', 'The file name is invalid', details);
  }
  const fileName = parsedName.data;
  const contentType = assertAllowedType(ctx.config, input.contentType);

  // Every refusal that does not depend on the bytes happens before reading them, and without a
  // transaction: a slow upload must not hold a database connection (PGlite has only one).
  const before = await loadVisibleTicket(ctx.db, actor, key);
  assertUploadable(actor, before, input.visibility);
  if (input.messageId) await assertMessage(ctx.db, actor, before, input.messageId, input.visibility);

  const blob = await ctx.blobs.put(body, ctx.config.attachmentMaxBytes);

  return ctx.db.transaction().execute(async (trx) => {
    // The request may have been closed, or taken away from a vendor, while the bytes were arriving.
    const t = await loadVisibleTicket(trx, actor, key, true);
    assertUploadable(actor, t, input.visibility);
    const now = ctx.clock.now();
    const row = await trx
      .insertInto('attachments')
      .values({
        ticket_id: t.id,
        message_id: input.messageId ?? null,
        visibility: input.visibility,
        file_name: fileName,
        content_type: contentType,
        size_bytes: blob.sizeBytes,
        sha256: blob.sha256,
        storage_key: blob.key,
        uploaded_by_id: actor.userId,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.attachment_added',
      ticketId: t.id,
      organizationId: t.organization_id,
      actorId: actor.userId,
      visibility: input.visibility,
      data: { attachmentId: row.id, fileName, contentType, sizeBytes: blob.sizeBytes, sha256: blob.sha256, messageId: row.message_id },
      at: now,
    });
    return row;
  });
}
