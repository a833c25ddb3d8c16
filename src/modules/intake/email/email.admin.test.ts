import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../../test/helpers/app.js';
import type { TestUser } from '../../../../test/helpers/factories.js';
import { addMessage, changeStatus } from '../../tickets/index.js';
import { recordEvent } from '../../audit/index.js';
import { processInboundEmail } from './process-email.js';
import { sendOutboundEmail } from './send-email.js';
import { queueNotification, renderTemplate } from './index.js';
import { DIGEST_LIMIT, sendSlaDigest } from './sla-digest.js';

let t: TestApp;
let sink: SMTPServer;
const delivered: ParsedMail[] = [];
let customer: TestUser;
let ruCustomer: TestUser;
let stranger: TestUser;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;
let vendor: TestUser;
let seq = 0;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _s, cb) {
      // The sink refuses one address so the delivery log has a failure to retry.
      if (address.address.startsWith('refused')) cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => {
        delivered.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const sinkPort = (sink.server.address() as { port: number }).port;
  t = await testApp({ env: { SMTP_LISTEN_PORT: '0', SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, MAIL_FROM: 'Support <support@desk.test>', PUBLIC_URL: 'https://support.example.com' } });
  const org = await t.f.org();
  customer = await t.f.customer(org.id);
  ruCustomer = await t.f.customer(org.id, { locale: 'ru' });
  stranger = await t.f.customer((await t.f.org()).id);
  agent = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  manager = await t.f.staff({ role: 'duty_manager' });
  admin = await t.f.staff({ role: 'admin' });
  vendor = await t.f.vendor();
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

/** A customer's mail over SMTP, processed: an e-mail request. */
async function emailRequest(from: TestUser, subject: string) {
  const messageId = `<admin-${Date.now()}-${seq++}@client.test>`;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: t.running.smtp?.port ?? 0, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: from.email, to: 'support@desk.test', subject, text: 'details', messageId });
  transport.close();
  const row = await t.ctx.db.selectFrom('inbound_emails').select('id').where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const outcome = await processInboundEmail(t.ctx, row.id);
  const ticket = await t.ctx.db.selectFrom('tickets').selectAll().where('id', '=', outcome?.ticketId ?? '').executeTakeFirstOrThrow();
  return { ticket, messageId };
}

const outboundOf = (ticketId: string, template: string) =>
  t.ctx.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', ticketId).where(sql`coalesce(template, 'staff_reply')`, '=', template).execute();

async function sendAll(ticketId: string, template: string) {
  for (const o of await outboundOf(ticketId, template)) await sendOutboundEmail(t.ctx, o.id).catch(() => undefined);
  return outboundOf(ticketId, template);
}

const tplUrl = (name: string, locale: string, suffix = '') => `/api/email/templates/${name}/${locale}${suffix}`;

interface TemplateBody {
  name: string;
  locale: string;
  subject: string;
  body: string;
  customized: boolean;
  placeholders: string[];
  default: { subject: string; body: string };
}

describe('notification templates', () => {
  it('lists every template in both languages with placeholders and defaults (admins only)', async () => {
    const res = json<{ items: TemplateBody[] }>(await t.app.inject({ url: '/api/email/templates', headers: as(admin.token) }));
    expect(res.items).toHaveLength(14);
    const missing = res.items.find((i) => i.name === 'missing_information' && i.locale === 'ru');
    expect(missing).toMatchObject({ customized: false, placeholders: expect.arrayContaining(['ticket.key', 'ticket.subject', 'missing_fields']) });
    expect(missing?.body).toBe(missing?.default.body);
    expect(new Set(res.items.map((i) => i.name))).toEqual(new Set(['staff_reply', 'request_received', 'missing_information', 'request_resolved', 'sla_warning', 'sla_breach', 'sla_digest']));
  });

  it('an admin edits a template; an unknown placeholder is 400 naming it and nothing is saved', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: tplUrl('request_received', 'en'), headers: as(admin.token), payload: { subject: 'Got {{ticket.key}}', body: 'Hi {{customer.nmae}}, see {{ticket.url}} {{secret}}' } });
    expectError(bad, 400, 'VALIDATION_FAILED');
    const err = json<{ error: { message: string; details: Array<{ field: string; message: string }> } }>(bad).error;
    expect(err.message).toContain('{{customer.nmae}}');
    expect(err.details).toEqual([
      { field: 'body', message: expect.stringContaining('unknown placeholder {{customer.nmae}}') },
      { field: 'body', message: expect.stringContaining('unknown placeholder {{secret}}') },
    ]);
    expectError(await t.app.inject({ method: 'PUT', url: tplUrl('request_received', 'en'), headers: as(admin.token), payload: { subject: 'two\nlines', body: 'x' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'PUT', url: tplUrl('no_such', 'en'), headers: as(admin.token), payload: { subject: 's', body: 'b' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'PUT', url: tplUrl('request_received', 'de'), headers: as(admin.token), payload: { subject: 's', body: 'b' } }), 400, 'VALIDATION_FAILED');
    const list = json<{ items: TemplateBody[] }>(await t.app.inject({ url: '/api/email/templates', headers: as(admin.token) }));
    expect(list.items.find((i) => i.name === 'request_received' && i.locale === 'en')?.customized).toBe(false);

    const ok = await t.app.inject({ method: 'PUT', url: tplUrl('request_received', 'en'), headers: as(admin.token), payload: { subject: 'We got {{ ticket.key }}', body: 'Dear {{customer.name}}: {{ticket.subject}} is {{ticket.key}}.' } });
    expect(ok.statusCode).toBe(200);
    expect(json<TemplateBody>(ok)).toMatchObject({ customized: true, subject: 'We got {{ ticket.key }}' });
    const history = await t.ctx.db.selectFrom('events').select('type').where('type', '=', 'email.template_updated').execute();
    expect(history).toHaveLength(1);
  });

  it('previews a draft with sample data, listing unknown placeholders', async () => {
    const res = json<{ subject: string; body: string; unknownPlaceholders: string[] }>(
      await t.app.inject({ method: 'POST', url: tplUrl('missing_information', 'en', '/preview'), headers: as(admin.token), payload: { body: 'Need for {{ticket.key}}:\n{{missing_fields}}\n{{oops}}' } }),
    );
    expect(res.body).toBe('Need for SUP-1042:\n- Project ID\n- Region\n- Volume ID\n');
    expect(res.subject).toBe('More information needed for SUP-1042: Volume vol-7 does not attach to vm-web-1');
    expect(res.unknownPlaceholders).toEqual(['oops']);
    const ru = json<{ subject: string; body: string }>(await t.app.inject({ method: 'POST', url: tplUrl('missing_information', 'ru', '/preview'), headers: as(admin.token), payload: {} }));
    expect(ru.subject).toBe('Нужны уточнения по SUP-1042: Том vol-7 не подключается к vm-web-1');
    expect(ru.body).toContain('- ID проекта\n- Регион\n- ID тома');
  });

  it('the saved template is what customers receive, in their language; reset restores the default', async () => {
    const { ticket } = await emailRequest(customer, 'Quota request');
    const [ack] = await sendAll(ticket.id, 'request_received');
    expect(ack).toMatchObject({ status: 'sent', subject: `We got ${ticket.key}`, body_text: `Dear ${customer.actor.name}: Quota request is ${ticket.key}.` });
    const mail = delivered.find((m) => m.messageId === ack?.message_id);
    expect(mail?.subject).toBe(`We got ${ticket.key}`);

    // The Russian customer gets the Russian default.
    const ru = await emailRequest(ruCustomer, 'Квота');
    const [ruAck] = await sendAll(ru.ticket.id, 'request_received');
    expect(ruAck?.subject).toBe(`Обращение ${ru.ticket.key} зарегистрировано: Квота`);
    expect(ruAck?.body_text).toContain(`https://support.example.com/requests/${ru.ticket.key}`);
    expect(ruAck?.in_reply_to).toBe(ru.messageId);

    const reset = await t.app.inject({ method: 'DELETE', url: tplUrl('request_received', 'en'), headers: as(admin.token) });
    expect(json<TemplateBody>(reset)).toMatchObject({ customized: false, subject: 'Request {{ticket.key}} registered: {{ticket.subject}}' });
    const again = await emailRequest(customer, 'After reset');
    const [ack2] = await sendAll(again.ticket.id, 'request_received');
    expect(ack2?.subject).toBe(`Request ${again.ticket.key} registered: After reset`);
  });

  it('mails the resolution with a rating link, and never for requests from other channels', async () => {
    const { ticket } = await emailRequest(customer, 'Resolve me');
    await changeStatus(t.ctx, agent.actor, ticket.key, { status: 'resolved' });
    const [resolved] = await sendAll(ticket.id, 'request_resolved');
    expect(resolved?.body_text).toContain(`https://support.example.com/requests/${ticket.key}#rate`);
    const portal = await t.f.ticket(customer);
    await changeStatus(t.ctx, agent.actor, portal, { status: 'resolved' });
    const portalRow = await t.ctx.db.selectFrom('tickets').select('id').where('key', '=', portal).executeTakeFirstOrThrow();
    expect(await outboundOf(portalRow.id, 'request_resolved')).toEqual([]);
  });

  it('warns the assignee of an SLA warning and breach, once per event', async () => {
    const key = await t.f.ticket(customer);
    const tk = await t.ctx.db.updateTable('tickets').set({ assignee_id: agent.id }).where('key', '=', key).returning(['id', 'organization_id']).executeTakeFirstOrThrow();
    await t.ctx.db.transaction().execute(async (trx) => {
      for (const type of ['sla.warned', 'sla.breached']) {
        await recordEvent(trx, t.ctx.jobs, { type, ticketId: tk.id, organizationId: tk.organization_id, visibility: 'internal', data: { metric: 'first_response', dueAt: '2026-01-15T14:30:00.000Z' } });
      }
    });
    const [warning] = await sendAll(tk.id, 'sla_warning');
    expect(warning).toMatchObject({ status: 'sent', to_addresses: [agent.email], subject: `SLA warning: ${key} first response due 2026-01-15 14:30 UTC`, in_reply_to: null });
    const [breach] = await sendAll(tk.id, 'sla_breach');
    expect(breach?.subject).toBe(`SLA breached: ${key} first response`);
  });

  it('in an outage storm a recipient gets a few SLA mails one by one, then one digest listing the rest', async () => {
    const onCall = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
    await t.ctx.db.updateTable('users').set({ locale: 'ru' }).where('id', '=', onCall.id).execute();
    const keys: string[] = [];
    for (let i = 0; i < DIGEST_LIMIT + 3; i++) {
      const key = await t.f.ticket(customer, { subject: `Storm ${i}`, priority: 'high' });
      keys.push(key);
      const tk = await t.ctx.db.updateTable('tickets').set({ assignee_id: onCall.id }).where('key', '=', key).returning(['id', 'organization_id']).executeTakeFirstOrThrow();
      await t.ctx.db.transaction().execute((trx) =>
        recordEvent(trx, t.ctx.jobs, { type: 'sla.breached', ticketId: tk.id, organizationId: tk.organization_id, visibility: 'internal', data: { metric: 'first_response', dueAt: '2026-01-15T14:30:00.000Z' } }),
      );
      await sendAll(tk.id, 'sla_breach');
    }
    const mine = () =>
      t.ctx.db.selectFrom('outbound_emails').select(['status', 'template']).where(sql<boolean>`to_addresses = ARRAY[${onCall.email.toLowerCase()}]::text[]`).orderBy('created_at').execute();
    const statuses = (await mine()).map((m) => m.status);
    expect(statuses).toEqual([...Array<string>(DIGEST_LIMIT).fill('sent'), 'held', 'held', 'held']);

    const digestId = await sendSlaDigest(t.ctx, onCall.email.toLowerCase());
    expect(digestId).not.toBeNull();
    expect(await sendSlaDigest(t.ctx, onCall.email.toLowerCase())).toBeNull();
    await sendOutboundEmail(t.ctx, digestId as string);
    const digest = await t.ctx.db.selectFrom('outbound_emails').selectAll().where('id', '=', digestId as string).executeTakeFirstOrThrow();
    expect(digest).toMatchObject({ status: 'sent', template: 'sla_digest', subject: 'SLA: ещё 3 обращений требуют внимания' });
    for (const key of keys.slice(DIGEST_LIMIT)) expect(digest.body_text).toContain(`${key} (высокий): нарушен срок первого ответа в 2026-01-15 14:30 UTC`);
    expect(digest.body_text).not.toContain(`${keys[0]} `);
    expect((await mine()).map((m) => m.status)).toEqual([...Array<string>(DIGEST_LIMIT).fill('sent'), 'digested', 'digested', 'digested', 'sent']);
    // The held mails are listed in the outbox under their own status.
    const held = json<{ items: Array<{ status: string }> }>(await t.app.inject({ url: '/api/email/outbox?status=digested&limit=50', headers: as(admin.token) }));
    expect(held.items.length).toBeGreaterThanOrEqual(3);
  });

  it('renderTemplate and queueNotification serve the missing-information loop', async () => {
    const text = await renderTemplate(t.ctx.db, 'missing_information', 'ru', { 'ticket.key': 'SUP-7', 'ticket.subject': 'Диск', missing_fields: ['ID проекта', 'Регион'] });
    expect(text.subject).toBe('Нужны уточнения по SUP-7: Диск');
    expect(text.body).toContain('- ID проекта\n- Регион');
    const { ticket } = await emailRequest(ruCustomer, 'Нет данных');
    const queue = () => t.ctx.db.transaction().execute((trx) => queueNotification(trx, t.ctx.jobs, { ticketId: ticket.id, template: 'missing_information', vars: { missing_fields: ['Регион'] }, key: `missing:${ticket.id}:1` }));
    expect(await queue()).toHaveLength(1);
    expect(await queue()).toEqual([]);
    const [sent] = await sendAll(ticket.id, 'missing_information');
    expect(sent?.body_text).toContain('- Регион');
    expect(sent?.to_addresses).toEqual([ruCustomer.email]);
  });

  it('authorisation: anonymous 401; customers, vendors, agents and duty managers 403', async () => {
    const calls = [
      { method: 'GET' as const, url: '/api/email/templates' },
      { method: 'PUT' as const, url: tplUrl('staff_reply', 'en'), payload: { subject: 's', body: 'b' } },
      { method: 'DELETE' as const, url: tplUrl('staff_reply', 'en') },
      { method: 'POST' as const, url: tplUrl('staff_reply', 'en', '/preview'), payload: {} },
    ];
    for (const c of calls) {
      expectError(await t.app.inject(c), 401, 'UNAUTHENTICATED');
      for (const who of [customer, stranger, vendor, agent, manager]) expectError(await t.app.inject({ ...c, headers: as(who.token) }), 403, 'FORBIDDEN');
    }
  });
});

interface OutboxItem {
  id: string;
  ticketKey: string;
  status: string;
  template: string;
  deliveries: Array<{ recipient: string; status: string; attempts: number; lastError: string | null }>;
}

describe('outbox', () => {
  it('lists outgoing mail with delivery status for managers, pages, filters and opens one as text', async () => {
    const { ticket } = await emailRequest(customer, 'Outbox <b>list</b>');
    await addMessage(t.ctx, agent.actor, ticket.key, { body: '<script>alert(1)</script> fixed', visibility: 'public' });
    const [reply] = await sendAll(ticket.id, 'staff_reply');
    const page = json<{ items: OutboxItem[]; nextCursor: string | null }>(await t.app.inject({ url: '/api/email/outbox?limit=1', headers: as(manager.token) }));
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = json<{ items: OutboxItem[] }>(await t.app.inject({ url: `/api/email/outbox?limit=1&cursor=${page.nextCursor ?? ''}`, headers: as(manager.token) }));
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
    const sent = json<{ items: OutboxItem[] }>(await t.app.inject({ url: '/api/email/outbox?status=sent&limit=200', headers: as(admin.token) }));
    const item = sent.items.find((i) => i.id === reply?.id);
    expect(item).toMatchObject({ ticketKey: ticket.key, template: 'staff_reply', status: 'sent', deliveries: [{ recipient: customer.email, status: 'sent', attempts: 1, lastError: null }] });
    expect(sent.items.every((i) => i.status === 'sent')).toBe(true);

    const one = json<{ headers: { subject: string; messageId: string; inReplyTo: string; from: string }; bodyText: string }>(await t.app.inject({ url: `/api/email/outbox/${reply?.id ?? ''}`, headers: as(manager.token) }));
    expect(one.headers).toMatchObject({ subject: `Re: Outbox <b>list</b> [${ticket.key}]`, messageId: reply?.message_id, from: 'support@desk.test' });
    expect(one.bodyText).toContain('<script>alert(1)</script> fixed');
    expectError(await t.app.inject({ url: '/api/email/outbox?cursor=garbage', headers: as(manager.token) }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ url: '/api/email/outbox?status=nope', headers: as(manager.token) }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ url: '/api/email/outbox/00000000-0000-4000-8000-000000000000', headers: as(manager.token) }), 404, 'NOT_FOUND');
  });

  it('retries a failed message: failed recipients only, then delivered', async () => {
    const { ticket } = await emailRequest(customer, 'Retry');
    const key = `test-retry:${ticket.id}`;
    await t.ctx.db.transaction().execute((trx) => queueNotification(trx, t.ctx.jobs, { ticketId: ticket.id, template: 'missing_information', to: ['refused@client.test'], vars: { missing_fields: ['Region'] }, key }));
    const [row] = await outboundOf(ticket.id, 'missing_information');
    await expect(sendOutboundEmail(t.ctx, row?.id ?? '')).rejects.toThrow(/1 of 1 recipients failed/);
    const url = `/api/email/outbox/${row?.id ?? ''}/retry`;
    const failed = json<OutboxItem>(await t.app.inject({ url: `/api/email/outbox/${row?.id ?? ''}`, headers: as(manager.token) }));
    expect(failed).toMatchObject({ status: 'failed', deliveries: [{ recipient: 'refused@client.test', status: 'failed', attempts: 1 }] });

    for (const who of [customer, stranger, vendor, agent]) expectError(await t.app.inject({ method: 'POST', url, headers: as(who.token) }), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'POST', url }), 401, 'UNAUTHENTICATED');
    const retried = json<OutboxItem>(await t.app.inject({ method: 'POST', url, headers: as(manager.token) }));
    expect(retried).toMatchObject({ status: 'queued', deliveries: [{ status: 'pending', attempts: 1 }] });
    const job = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' AND data->>'outboundId' = ${row?.id ?? ''}`.execute(t.ctx.db);
    expect(job.rows[0]?.n).toBe(2);
    // Retrying what is not failed is a conflict.
    expectError(await t.app.inject({ method: 'POST', url, headers: as(admin.token) }), 409, 'CONFLICT');
    // The mailbox accepts now: the job delivers.
    await t.ctx.db.updateTable('outbound_emails').set({ to_addresses: ['fixed@client.test'] }).where('id', '=', row?.id ?? '').execute();
    await t.ctx.db.updateTable('email_deliveries').set({ recipient: 'fixed@client.test' }).where('outbound_id', '=', row?.id ?? '').execute();
    await sendOutboundEmail(t.ctx, row?.id ?? '');
    const done = json<OutboxItem>(await t.app.inject({ url: `/api/email/outbox/${row?.id ?? ''}`, headers: as(admin.token) }));
    expect(done).toMatchObject({ status: 'sent', deliveries: [{ recipient: 'fixed@client.test', status: 'sent', attempts: 2 }] });
  });

  it('authorisation: anonymous 401; customers, vendors and agents 403', async () => {
    for (const url of ['/api/email/outbox', '/api/email/outbox/00000000-0000-4000-8000-000000000000']) {
      expectError(await t.app.inject({ url }), 401, 'UNAUTHENTICATED');
      for (const who of [customer, stranger, vendor, agent]) expectError(await t.app.inject({ url, headers: as(who.token) }), 403, 'FORBIDDEN');
    }
  });
});
