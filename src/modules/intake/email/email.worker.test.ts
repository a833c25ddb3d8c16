import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ env: { SMTP_LISTEN_PORT: '0', TIERDESK_WORKERS: 'true' } });
});
afterAll(() => t?.close());

it('boot wires the listener and the job worker: a mail becomes a request with no further help', async () => {
  const org = await t.f.org();
  const customer = await t.f.customer(org.id);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: t.running.smtp?.port ?? 0, secure: false, ignoreTLS: true });
  const messageId = `<worker-${Date.now()}@client.test>`;
  await transport.sendMail({ from: customer.email, to: 'support@desk.test', subject: 'Через очередь', text: 'hello', messageId });
  transport.close();
  let row: { status: string; ticket_id: string | null } | undefined;
  for (let i = 0; i < 100 && row?.status !== 'processed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    row = await t.ctx.db.selectFrom('inbound_emails').select(['status', 'ticket_id']).where('message_id', '=', messageId).executeTakeFirst();
  }
  expect(row?.status).toBe('processed');
  const ticket = await t.ctx.db.selectFrom('tickets').select(['channel', 'subject']).where('id', '=', row?.ticket_id ?? '').executeTakeFirstOrThrow();
  expect(ticket).toEqual({ channel: 'email', subject: 'Через очередь' });
});
