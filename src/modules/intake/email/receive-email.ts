import { PassThrough, Readable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { AppContext } from '../../../shared/context.js';
import type { InboundAttachment } from '../../../db/schema.js';
import type { Executor } from '../../../db/executor.js';
import { htmlToSafeText, messageIds, neutralizeMarkup } from './text.js';

export interface Envelope {
  remoteAddress: string | null;
  /** '' for the null return path (bounces). */
  mailFrom: string | null;
  rcptTo: string[];
}

export class MessageTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`message exceeds the limit of ${maxBytes} bytes`);
  }
}

/** Headers kept for processing; the full header block stays in the raw message. */
const KEPT_HEADERS = new Set(['auto-submitted', 'precedence', 'x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'list-id', 'list-unsubscribe', 'content-type', 'return-path', 'x-failed-recipients']);

/**
 * Stores one raw message (an SMTP DATA stream, or a message fetched over IMAP): raw bytes to the blob store (refusing anything over the limit, in which
 * case nothing is kept), then the parsed message and its processing job in one transaction. Resolves
 * only once both are durable, so the caller may answer 250. The source stream is always drained.
 */
export interface ReceiveOptions {
  /** Runs in the transaction that stores the message (the IMAP poller records the server's UID there). */
  onStored?: (trx: Executor, inboundId: string) => Promise<void>;
}

export async function receiveEmail(ctx: AppContext, source: Readable, envelope: Envelope, opts: ReceiveOptions = {}): Promise<{ id: string; status: 'received' | 'failed' }> {
  const max = ctx.config.emailMaxBytes;
  const body = new PassThrough();
  let size = 0;
  let tooBig = false;
  const drained = new Promise<void>((resolve, reject) => {
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooBig) return;
      if (size > max) {
        tooBig = true;
        body.destroy(new MessageTooLarge(max));
        source.resume();
        return;
      }
      if (!body.write(chunk)) {
        source.pause();
        body.once('drain', () => source.resume());
      }
    });
    source.once('end', () => {
      if (!tooBig) body.end();
      resolve();
    });
    source.once('error', (err) => {
      body.destroy(err);
      reject(err);
    });
  });
  // The blob store fails fast when the stream breaks; keep reading the SMTP stream to its end regardless.
  const stored = ctx.blobs.put(body, max).then(
    (b) => ({ ok: true as const, blob: b }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  await drained;
  const raw = await stored;
  if (tooBig) throw new MessageTooLarge(max);
  if (!raw.ok) throw raw.err;

  let parsed: Parsed;
  let failure: string | null = null;
  try {
    parsed = await parse(ctx, await ctx.blobs.open(raw.blob.key));
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    parsed = emptyParse();
  }
  return ctx.db.transaction().execute(async (trx) => {
    const status = failure ? 'failed' : 'received';
    const row = await trx
      .insertInto('inbound_emails')
      .values({
        remote_address: envelope.remoteAddress,
        envelope_from: envelope.mailFrom,
        envelope_to: envelope.rcptTo,
        message_id: parsed.messageId,
        in_reply_to: parsed.inReplyTo,
        references_ids: parsed.references,
        from_address: parsed.fromAddress,
        from_name: parsed.fromName,
        subject: parsed.subject,
        headers: JSON.stringify(parsed.headers),
        body_text: parsed.text,
        attachments: JSON.stringify(parsed.attachments),
        raw_key: raw.blob.key,
        raw_size: raw.blob.sizeBytes,
        status,
        outcome: failure ? 'malformed' : null,
        error: failure,
        received_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await opts.onStored?.(trx, row.id);
    if (!failure) await ctx.jobs.send(trx, 'email.process', { inboundId: row.id }, { singletonKey: `email.process:${row.id}` });
    return { id: row.id, status };
  });
}

interface Parsed {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  headers: Record<string, string>;
  text: string;
  attachments: InboundAttachment[];
}

const emptyParse = (): Parsed => ({ messageId: null, inReplyTo: null, references: [], fromAddress: null, fromName: null, subject: '', headers: {}, text: '', attachments: [] });

async function parse(ctx: AppContext, raw: Readable): Promise<Parsed> {
  // mailparser decodes every charset iconv-lite knows (KOI8-R, Windows-1251 …) into UTF-8.
  const mail: ParsedMail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    if (!KEPT_HEADERS.has(key) || headers[key] !== undefined) continue;
    const colon = line.indexOf(':');
    headers[key] = line.slice(colon + 1).replace(/\s+/g, ' ').trim().slice(0, 1000);
  }
  const from = firstAddress(mail.from);
  const text = typeof mail.text === 'string' && mail.text.trim() ? neutralizeMarkup(mail.text.trim()) : typeof mail.html === 'string' ? htmlToSafeText(mail.html) : '';
  const attachments: InboundAttachment[] = [];
  for (const a of mail.attachments) {
    const blob = await ctx.blobs.put(Readable.from([a.content]), ctx.config.emailMaxBytes);
    attachments.push({
      fileName: (a.filename ?? `attachment-${attachments.length + 1}`).replace(/[\\/\0]/g, '_').slice(0, 255),
      contentType: a.contentType || 'application/octet-stream',
      sizeBytes: blob.sizeBytes,
      sha256: blob.sha256,
      storageKey: blob.key,
      inline: a.contentDisposition === 'inline',
    });
  }
  return {
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
    references: messageIds(mail.references),
    fromAddress: from?.address ?? null,
    fromName: from?.name ?? null,
    subject: (mail.subject ?? '').replace(/[\r\n]+/g, ' ').trim().slice(0, 1000),
    headers,
    text: text.slice(0, 1_000_000),
    attachments,
  };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const obj of list) {
    for (const a of obj.value) {
      if (a.address && /^[^\s@<>]+@[^\s@<>]+$/.test(a.address)) return { address: a.address.toLowerCase(), name: a.name };
    }
  }
  return null;
}

