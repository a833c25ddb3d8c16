import { Readable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../../shared/context.js';
import { MessageTooLarge, receiveEmail } from './receive-email.js';
import { messageIds } from './text.js';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  after: 'seen' | 'move';
  moveTo: string;
}

/** imap[s]://user:password@host[:port][/MAILBOX] → connection settings (user and password percent-decoded). */
export function imapSettings(url: string, after: ImapSettings['after'] = 'seen', moveTo = 'Processed'): ImapSettings {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return { host: u.hostname, port: u.port ? Number(u.port) : secure ? 993 : 143, secure, user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password), mailbox, after, moveTo };
}

export interface PollResult {
  /** Messages stored now (each became an inbound_emails row and a processing job). */
  stored: number;
  /** Messages already stored by an earlier poll (same UIDVALIDITY+UID, or same Message-ID) and only finished now. */
  recovered: number;
  /** Messages over EMAIL_MAX_BYTES: recorded and left untouched on the server for a person to handle. */
  tooLarge: number;
}

/** How many messages one poll takes at most; the rest wait for the next poll. */
const BATCH = 200;

/**
 * The `email.imap_poll` job: one pass over the mailbox. Each new message is stored through the same path
 * as SMTP mail (raw bytes, parsed row and processing job in one transaction, which also records the
 * server's UIDVALIDITY+UID); only then is it flagged \Seen or moved on the server. A crash between the two
 * leaves the message unflagged on the server but recorded here, so the next poll only finishes it; a
 * mailbox rebuilt with a new UIDVALIDITY is recognised by Message-ID.
 */
export async function pollImap(ctx: AppContext, settings: ImapSettings, hooks: { afterStore?: (uid: number) => void | Promise<void> } = {}): Promise<PollResult> {
  const result: PollResult = { stored: 0, recovered: 0, tooLarge: 0 };
  const client = new ImapFlow({ host: settings.host, port: settings.port, secure: settings.secure, auth: { user: settings.user, pass: settings.pass }, logger: false, disableAutoIdle: true });
  // Failures surface as rejected commands; an unhandled 'error' event would end the whole process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`IMAP mailbox ${settings.mailbox} could not be opened`);
      const uidValidity = String(box.uidValidity);
      const key = `${settings.user}@${settings.host}:${settings.port}/${settings.mailbox}`;
      const found = await client.search(settings.after === 'seen' ? { seen: false } : { all: true }, { uid: true });
      const uids = (found || []).sort((a, b) => a - b).slice(0, BATCH);
      let targetReady = false;
      for (const uid of uids) {
        const known = await ctx.db
          .selectFrom('imap_messages')
          .select(['inbound_id', 'done_at'])
          .where('mailbox', '=', key)
          .where('uid_validity', '=', uidValidity)
          .where('uid', '=', String(uid))
          .executeTakeFirst();
        if (known) {
          // Too large: left for a person. Already finished and still unseen: someone marked it unread again.
          if (!known.inbound_id || (known.done_at && settings.after === 'seen')) continue;
          result.recovered++;
        } else {
          const outcome = await store(ctx, client, key, uidValidity, uid);
          if (outcome === 'too_large') {
            result.tooLarge++;
            continue;
          }
          if (outcome === 'gone') continue;
          result[outcome]++;
          await hooks.afterStore?.(uid);
        }
        if (settings.after === 'move') {
          if (!targetReady) {
            await client.mailboxCreate(settings.moveTo).catch(() => undefined);
            targetReady = true;
          }
          await client.messageMove(String(uid), settings.moveTo, { uid: true });
        } else {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
        await ctx.db
          .updateTable('imap_messages')
          .set({ done_at: ctx.clock.now() })
          .where('mailbox', '=', key)
          .where('uid_validity', '=', uidValidity)
          .where('uid', '=', String(uid))
          .execute();
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

async function store(ctx: AppContext, client: ImapFlow, key: string, uidValidity: string, uid: number): Promise<'stored' | 'recovered' | 'too_large' | 'gone'> {
  const head = await client.fetchOne(String(uid), { envelope: true, size: true, headers: ['return-path'] }, { uid: true });
  if (!head) return 'gone';
  const messageId = messageIds(head.envelope?.messageId)[0] ?? null;
  const record = (inboundId: string | null) => ({ mailbox: key, uid_validity: uidValidity, uid: String(uid), message_id: messageId, inbound_id: inboundId });
  if (messageId) {
    // The same message under another UID (the mailbox was rebuilt, or a copy was appended): stored once.
    const earlier = await ctx.db.selectFrom('imap_messages').select('inbound_id').where('mailbox', '=', key).where('message_id', '=', messageId).where('inbound_id', 'is not', null).executeTakeFirst();
    if (earlier) {
      await ctx.db.insertInto('imap_messages').values(record(earlier.inbound_id)).onConflict((oc) => oc.doNothing()).execute();
      return 'recovered';
    }
  }
  if ((head.size ?? 0) > ctx.config.emailMaxBytes) {
    await ctx.db.insertInto('imap_messages').values(record(null)).onConflict((oc) => oc.doNothing()).execute();
    return 'too_large';
  }
  const full = await client.fetchOne(String(uid), { source: true }, { uid: true });
  if (!full || !full.source) return 'gone';
  const returnPath = /^return-path:\s*<([^>]*)>/im.exec(head.headers?.toString('utf8') ?? '');
  try {
    await receiveEmail(
      ctx,
      Readable.from([full.source]),
      { remoteAddress: null, mailFrom: returnPath ? (returnPath[1] ?? '').trim() : null, rcptTo: [] },
      { onStored: async (trx, inboundId) => void (await trx.insertInto('imap_messages').values(record(inboundId)).execute()) },
    );
    return 'stored';
  } catch (err) {
    if (err instanceof MessageTooLarge) {
      await ctx.db.insertInto('imap_messages').values(record(null)).onConflict((oc) => oc.doNothing()).execute();
      return 'too_large';
    }
    // Another poll stored it first (primary key): finish it like a recovered one.
    if ((err as { code?: string }).code === '23505') return 'recovered';
    throw err;
  }
}
