import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/helpers/app.js';
import type { TestUser } from '../../../../test/helpers/factories.js';
import { addMessage } from '../../tickets/index.js';
import { processInboundEmail } from './process-email.js';
import { sendOutboundEmail } from './send-email.js';

let t: TestApp;
let customer: TestUser;
let colleague: TestUser;
let stranger: TestUser;
let l1: TestUser;
let sinkPort = 0;
let sink: SMTPServer;
const delivered: ParsedMail[] = [];
let seq = 0;

beforeAll(async () => {
  // The test SMTP sink tierdesk's outgoing mail goes to.
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => {
        delivered.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  sinkPort = (sink.server.address() as { port: number }).port;
  t = await testApp({ env: { SMTP_LISTEN_PORT: '0', SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, MAIL_FROM: 'Support <support@desk.test>' } });
  const org = await t.f.org();
  const otherOrg = await t.f.org();
  customer = await t.f.customer(org.id);
  colleague = await t.f.customer(org.id);
  stranger = await t.f.customer(otherOrg.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

function client() {
  const port = t.running.smtp?.port;
  if (!port) throw new Error('the SMTP listener is not running');
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

const mid = () => `<test-${Date.now()}-${seq++}@client.test>`;

async function send(msg: SendMailOptions): Promise<SMTPTransport.SentMessageInfo> {
  const transport = client();
  try {
    return await transport.sendMail({ to: 'support@desk.test', ...msg });
  } finally {
    transport.close();
  }
}

async function inbound(messageId: string) {
  return t.ctx.db.selectFrom('inbound_emails').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
}

/** Sends over SMTP, then runs the processing job the listener queued. */
async function deliver(msg: SendMailOptions & { messageId: string }) {
  const info = await send(msg);
  expect(info.response).toMatch(/^250 /);
  const row = await inbound(msg.messageId);
  const outcome = await processInboundEmail(t.ctx, row.id);
  return { row, outcome, after: await inbound(msg.messageId) };
}

const ticketById = (id: string) => t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const messagesOf = (id: string) => t.ctx.db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', id).orderBy('created_at').execute();

describe('inbound e-mail over SMTP', () => {
  it('stores the message with a processing job before 250, then opens an e-mail request', async () => {
    const messageId = mid();
    const info = await send({ from: customer.email, subject: 'Диск не подключается', text: 'Volume vol-1 не монтируется', messageId, attachments: [{ filename: 'log.txt', content: 'kernel: I/O error' }] });
    expect(info.response).toMatch(/^250 /);
    const row = await inbound(messageId);
    expect(row.status).toBe('received');
    const job = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.process' AND data->>'inboundId' = ${row.id}`.execute(t.ctx.db);
    expect(job.rows[0]?.n).toBe(1);
    const outcome = await processInboundEmail(t.ctx, row.id);
    expect(outcome).toMatchObject({ status: 'processed', outcome: 'created' });
    const ticket = await ticketById(outcome?.ticketId ?? '');
    expect(ticket).toMatchObject({ channel: 'email', requester_id: customer.id, subject: 'Диск не подключается' });
    const files = await t.ctx.db.selectFrom('attachments').select(['file_name', 'size_bytes']).where('ticket_id', '=', ticket.id).execute();
    expect(files).toEqual([{ file_name: 'log.txt', size_bytes: 17 }]);
    // A second run of the job changes nothing.
    expect(await processInboundEmail(t.ctx, row.id)).toBeNull();
  });

  it('threads a reply by In-Reply-To and strips the quoted history', async () => {
    const first = mid();
    const a = await deliver({ from: customer.email, subject: 'VM is slow', text: 'CPU steal is high', messageId: first });
    const reply = mid();
    const b = await deliver({
      from: customer.email,
      subject: 'Re: VM is slow',
      text: 'Still slow after reboot.\n\nOn Mon, 1 Jan 2026 at 10:00, Support <support@desk.test> wrote:\n> old text\n> more old text',
      messageId: reply,
      inReplyTo: first,
      references: [first],
    });
    expect(b.outcome).toMatchObject({ outcome: 'replied', ticketId: a.outcome?.ticketId });
    const msgs = await messagesOf(a.outcome?.ticketId ?? '');
    expect(msgs.map((m) => m.body)).toEqual(['Still slow after reboot.']);
    expect(msgs[0]).toMatchObject({ author_id: customer.id, visibility: 'public', source: 'email' });
  });

  it('threads by the request key in the subject, for a colleague of the same organisation', async () => {
    const a = await deliver({ from: customer.email, subject: 'Quota', text: 'Need more vCPU', messageId: mid() });
    const ticket = await ticketById(a.outcome?.ticketId ?? '');
    const b = await deliver({ from: colleague.email, subject: `RE: Quota [${ticket.key}]`, text: 'Поддерживаю, нужно 64 vCPU.\n\n12.01.2026 10:00, Иван пишет:\n> Need more vCPU', messageId: mid() });
    expect(b.outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id });
    expect((await messagesOf(ticket.id)).map((m) => m.body)).toEqual(['Поддерживаю, нужно 64 vCPU.']);
  });

  it("never attaches forged threading headers to another organisation's request", async () => {
    const first = mid();
    const a = await deliver({ from: customer.email, subject: 'Private', text: 'secret', messageId: first });
    const victim = await ticketById(a.outcome?.ticketId ?? '');
    const b = await deliver({ from: stranger.email, subject: `Re: Private [${victim.key}]`, text: 'let me in', messageId: mid(), inReplyTo: first, references: [first] });
    expect(b.outcome).toMatchObject({ status: 'processed', outcome: 'created_thread_mismatch' });
    expect(b.outcome?.ticketId).not.toBe(victim.id);
    expect((await ticketById(b.outcome?.ticketId ?? '')).organization_id).toBe(stranger.actor.organizationId);
    expect(await messagesOf(victim.id)).toEqual([]);
  });

  it('records auto-replies and bounces but never answers them or opens requests', async () => {
    const before = await t.ctx.db.selectFrom('outbound_emails').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const auto = await deliver({ from: customer.email, subject: 'Out of office', text: 'I am away', messageId: mid(), headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(auto.outcome).toMatchObject({ status: 'ignored', outcome: 'auto_submitted' });
    const bulk = await deliver({ from: customer.email, subject: 'News', text: 'digest', messageId: mid(), headers: { Precedence: 'bulk' } });
    expect(bulk.outcome).toMatchObject({ status: 'ignored' });
    const daemon = await deliver({ from: 'MAILER-DAEMON@mx.example.com', subject: 'Undelivered Mail', text: 'bounce', messageId: mid() });
    expect(daemon.outcome).toMatchObject({ status: 'ignored', outcome: 'daemon_sender' });
    for (const r of [auto, bulk, daemon]) expect(r.after.ticket_id).toBeNull();
    const after = await t.ctx.db.selectFrom('outbound_emails').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('rejects unknown senders, or adds them as contacts of the organisation using their domain', async () => {
    const rejected = await deliver({ from: 'nobody@unknown.example', subject: 'Hi', text: 'hello', messageId: mid() });
    expect(rejected.outcome).toMatchObject({ status: 'rejected', outcome: 'unknown_sender' });
    const messageId = mid();
    await send({ from: 'new.person@example.com', subject: 'Hi', text: 'hello', messageId });
    const row = await inbound(messageId);
    const ctx = { ...t.ctx, config: { ...t.ctx.config, emailUnknownSenders: 'create-contact' as const } };
    // example.com is shared by every factory customer, so the domain does not name one organisation.
    expect(await processInboundEmail(ctx, row.id)).toMatchObject({ status: 'rejected', outcome: 'unknown_sender' });

    const org = await t.f.org();
    const domain = `acme-${seq++}.test`;
    const known = await t.f.customer(org.id);
    await t.ctx.db.updateTable('users').set({ email: `known@${domain}` }).where('id', '=', known.id).execute();
    const contactMail = mid();
    await send({ from: `Новый Контакт <new@${domain}>`, subject: 'Hi', text: 'hello', messageId: contactMail });
    const outcome = await processInboundEmail(ctx, (await inbound(contactMail)).id);
    expect(outcome).toMatchObject({ status: 'processed', outcome: 'created' });
    const contact = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', `new@${domain}`).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ kind: 'customer', organization_id: org.id, org_role: 'member', name: 'Новый Контакт', password_hash: null });
    expect((await ticketById(outcome?.ticketId ?? '')).requester_id).toBe(contact.id);
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const count = async () => (await t.ctx.db.selectFrom('inbound_emails').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const blobs = path.join(t.ctx.config.dataDir, 'blobs');
    const files = () => fs.readdirSync(blobs, { recursive: true }).length;
    const [rowsBefore, filesBefore] = [await count(), files()];
    const big = Buffer.alloc(31 * 1000 * 1000, 'a');
    const err = await send({ from: customer.email, subject: 'Huge', text: big.toString(), messageId: mid() }).then(
      () => null,
      (e: unknown) => e as { responseCode?: number; response?: string },
    );
    expect(err?.responseCode).toBe(552);
    expect(err?.response).toMatch(/limit is 31457280 bytes; nothing was stored/);
    expect(await count()).toBe(rowsBefore);
    expect(files()).toBe(filesBefore);
  });

  it('answers 452 past 100 recipients', async () => {
    const info = await send({ from: customer.email, envelope: { from: customer.email, to: Array.from({ length: 101 }, (_, i) => `desk${i}@desk.test`) }, subject: 'Many', text: 'x', messageId: mid() });
    expect(info.accepted).toHaveLength(100);
    expect(info.rejected).toHaveLength(1);
    expect(info.rejectedErrors?.[0]?.responseCode).toBe(452);
  });

  it('decodes KOI8-R and Windows-1251 mail', async () => {
    for (const charset of ['koi8-r', 'windows-1251']) {
      const text = 'Не работает балансировщик нагрузки';
      const messageId = mid();
      const raw = Buffer.concat([
        Buffer.from(`From: ${customer.email}\r\nTo: support@desk.test\r\nSubject: =?${charset}?B?${encode(charset, 'Сбой').toString('base64')}?=\r\nMessage-ID: ${messageId}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
        encode(charset, text),
        Buffer.from('\r\n'),
      ]);
      await send({ envelope: { from: customer.email, to: ['support@desk.test'] }, raw });
      const row = await inbound(messageId);
      expect(row).toMatchObject({ subject: 'Сбой', body_text: text });
    }
  });

  it('keeps script tags in HTML mail out of the stored text', async () => {
    const r = await deliver({
      from: customer.email,
      subject: 'HTML',
      html: '<html><head><style>p{}</style><script>alert("head")</script></head><body><p>Hello &amp; welcome</p><script>alert(1)</script><img src=x onerror="alert(2)"><p>&lt;script&gt;evil()&lt;/script&gt;</p></body></html>',
      messageId: mid(),
    });
    expect(r.row.body_text).toContain('Hello & welcome');
    const description = (await ticketById(r.outcome?.ticketId ?? '')).description;
    for (const stored of [r.row.body_text, description]) {
      expect(stored).not.toMatch(/<\s*script|<img|onerror|alert\(/i);
    }
  });

  it('stores malformed MIME and never crashes processing', async () => {
    const messageId = mid();
    const raw = `From: ${customer.email}\r\nMessage-ID: ${messageId}\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="../../etc/passwd"\r\n\r\n\0\0\xff\r\n`;
    const info = await send({ envelope: { from: customer.email, to: ['support@desk.test'] }, raw });
    expect(info.response).toMatch(/^250 /);
    const row = await inbound(messageId);
    await expect(processInboundEmail(t.ctx, row.id)).resolves.not.toThrow();
    for (const a of (await inbound(messageId)).attachments) expect(a.fileName).not.toContain('/');
  });
});

describe('outbound e-mail', () => {
  it('delivers a staff reply to the customer with threading headers, and the answer threads back', async () => {
    const first = mid();
    const a = await deliver({ from: customer.email, subject: 'Network down', text: 'No route to 10.0.0.1', messageId: first });
    const ticket = await ticketById(a.outcome?.ticketId ?? '');
    await addMessage(t.ctx, l1.actor, ticket.key, { body: 'We are looking into it.', visibility: 'public' });
    await addMessage(t.ctx, l1.actor, ticket.key, { body: 'internal note', visibility: 'internal' });
    const out = await t.ctx.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', ticket.id).where('ticket_message_id', 'is not', null).execute();
    expect(out).toHaveLength(1);
    const job = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' AND data->>'outboundId' = ${out[0]?.id ?? ''}`.execute(t.ctx.db);
    expect(job.rows[0]?.n).toBe(1);
    await sendOutboundEmail(t.ctx, out[0]?.id ?? '');
    const mail = delivered.find((m) => m.subject?.includes(ticket.key));
    expect(mail?.subject).toBe(`Re: Network down [${ticket.key}]`);
    expect(mail?.inReplyTo).toBe(first);
    expect([mail?.references].flat()).toContain(first);
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(customer.email);
    expect(mail?.text).toMatch(new RegExp(`^We are looking into it\\.\\n\\n--\\n${l1.actor.name}, support team\\nRequest ${ticket.key}: http://\\S+/requests/${ticket.key}`));
    const sent = await t.ctx.db.selectFrom('outbound_emails').selectAll().where('id', '=', out[0]?.id ?? '').executeTakeFirstOrThrow();
    expect(sent.status).toBe('sent');
    expect(mail?.messageId).toBe(sent.message_id);
    const log = await t.ctx.db.selectFrom('email_deliveries').selectAll().where('outbound_id', '=', sent.id).execute();
    expect(log).toEqual([expect.objectContaining({ recipient: customer.email, status: 'sent', attempts: 1 })]);
    // A retry of the job sends nothing twice.
    await sendOutboundEmail(t.ctx, sent.id);
    expect(delivered.filter((m) => m.subject?.includes(ticket.key))).toHaveLength(1);
    // The customer's client answers to our Message-ID: it threads.
    const back = await deliver({ from: customer.email, subject: 'Re: whatever', text: 'Thanks!', messageId: mid(), inReplyTo: sent.message_id ?? '' });
    expect(back.outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id });
  });

  it('keeps mail in the outbox when no SMTP server is configured', async () => {
    const a = await deliver({ from: customer.email, subject: 'Outbox', text: 'hello', messageId: mid() });
    const ticket = await ticketById(a.outcome?.ticketId ?? '');
    await addMessage(t.ctx, l1.actor, ticket.key, { body: 'Reply in outbox', visibility: 'public' });
    const out = await t.ctx.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', ticket.id).where('ticket_message_id', 'is not', null).executeTakeFirstOrThrow();
    await sendOutboundEmail({ ...t.ctx, config: { ...t.ctx.config, smtpUrl: undefined } }, out.id);
    const row = await t.ctx.db.selectFrom('outbound_emails').selectAll().where('id', '=', out.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'outbox', subject: `Re: Outbox [${ticket.key}]`, to_addresses: [customer.email] });
    expect(row.body_text).toMatch(/^Reply in outbox\n\n--\n/);
  });

  it('does not mail replies on requests from other channels', async () => {
    const key = await t.f.ticket(customer);
    await addMessage(t.ctx, l1.actor, key, { body: 'portal reply', visibility: 'public' });
    const n = await t.ctx.db.selectFrom('outbound_emails as o').innerJoin('tickets as t', 't.id', 'o.ticket_id').select('o.id').where('t.key', '=', key).execute();
    expect(n).toEqual([]);
  });
});

/** Encodes Cyrillic text in a single-byte charset by inverting the platform's decoder. */
function encode(charset: string, text: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}
