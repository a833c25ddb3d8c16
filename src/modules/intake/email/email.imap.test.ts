import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/helpers/app.js';
import type { TestUser } from '../../../../test/helpers/factories.js';
import { loadConfig } from '../../../config.js';
import { imapSettings, pollImap, type ImapSettings } from './poll-imap.js';
import { processInboundEmail } from './process-email.js';
import { pollCron } from './register.js';

/**
 * IMAP polling against a real Dovecot (Debian dovecot-imapd), started per file from a temporary
 * configuration: a passwd-file user, Maildir storage, plain-text login on a free high port.
 */
const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p));
if (!DOVECOT) console.warn('email.imap.test: skipped — the dovecot binary is absent (apt-get install dovecot-imapd)');

const USER = 'desk';
const PASS = 's3cret pass';

interface Dovecot {
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function passwdEntry(name: string): { uid: number; gid: number } | null {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const parts = line?.split(':');
  return parts ? { uid: Number(parts[2]), gid: Number(parts[3]) } : null;
}

async function startDovecot(binary: string): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // As root Dovecot drops to its own users; otherwise everything runs as the current user.
  const me = os.userInfo();
  const owner = root ? passwdEntry('dovecot') : { uid: me.uid, gid: me.gid };
  if (!owner) throw new Error('the dovecot system user is missing');
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  for (const sub of ['run', 'state', 'home']) {
    fs.mkdirSync(path.join(dir, sub));
    if (root && sub !== 'run') fs.chownSync(path.join(dir, sub), owner.uid, owner.gid);
  }
  fs.writeFileSync(path.join(dir, 'passwd'), `${USER}:{PLAIN}${PASS}::::::\n`);
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log
instance_name = tierdesk-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100 || child.exitCode !== null) {
      const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
      child.kill('SIGKILL');
      throw new Error(`dovecot did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let t: TestApp;
let dovecot: Dovecot;
let settings: ImapSettings;
let customer: TestUser;
let seq = 0;

describe.skipIf(!DOVECOT)('IMAP polling against Dovecot', () => {
  beforeAll(async () => {
    dovecot = await startDovecot(DOVECOT ?? '');
    t = await testApp({ env: { MAIL_FROM: 'Support <support@desk.test>' } });
    customer = await t.f.customer((await t.f.org()).id);
    settings = imapSettings(`imap://${USER}:${encodeURIComponent(PASS)}@127.0.0.1:${dovecot.port}/INBOX`);
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  /** The customer's mail server delivering into the support mailbox. */
  async function mailbox<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: USER, pass: PASS }, logger: false });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout();
    }
  }

  const mid = () => `<imap-${Date.now()}-${seq++}@client.test>`;
  const raw = (o: { messageId: string; subject: string; text: string; inReplyTo?: string }) =>
    [
      `From: Anna <${customer.email}>`,
      'To: support@desk.test',
      `Subject: ${o.subject}`,
      `Message-ID: ${o.messageId}`,
      ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      o.text,
      '--b1',
      'Content-Type: text/plain; name="trace.txt"',
      'Content-Disposition: attachment; filename="trace.txt"',
      '',
      'traceroute 10.0.0.1',
      '--b1--',
      '',
    ].join('\r\n');

  const append = (msg: string, folder = 'INBOX') => mailbox((c) => c.append(folder, msg));
  const inboundCount = async (messageId: string) =>
    (await t.ctx.db.selectFrom('inbound_emails').select(sql<number>`count(*)::int`.as('n')).where('message_id', '=', messageId).executeTakeFirstOrThrow()).n;
  const unseen = () => mailbox(async (c) => (await c.mailboxOpen('INBOX')) && ((await c.search({ seen: false }, { uid: true })) || []));

  it('a message appended to the mailbox becomes a request, with its attachment, and is flagged \\Seen', async () => {
    const messageId = mid();
    await append(raw({ messageId, subject: 'Балансировщик не отвечает', text: 'LB lb-1 returns 502' }));
    const res = await pollImap(t.ctx, settings);
    expect(res).toEqual({ stored: 1, recovered: 0, tooLarge: 0 });
    const row = await t.ctx.db.selectFrom('inbound_emails').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'received', from_address: customer.email, subject: 'Балансировщик не отвечает' });
    const job = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.process' AND data->>'inboundId' = ${row.id}`.execute(t.ctx.db);
    expect(job.rows[0]?.n).toBe(1);
    const outcome = await processInboundEmail(t.ctx, row.id);
    expect(outcome).toMatchObject({ status: 'processed', outcome: 'created' });
    const files = await t.ctx.db.selectFrom('attachments').select('file_name').where('ticket_id', '=', outcome?.ticketId ?? '').execute();
    expect(files.map((f) => f.file_name)).toEqual(['trace.txt']);
    expect(await unseen()).toEqual([]);

    // Polling again takes nothing new.
    expect(await pollImap(t.ctx, settings)).toEqual({ stored: 0, recovered: 0, tooLarge: 0 });
    expect(await inboundCount(messageId)).toBe(1);
  });

  it('a reply in the mailbox threads into the request', async () => {
    const first = mid();
    await append(raw({ messageId: first, subject: 'Disk is slow', text: 'iops are low' }));
    await pollImap(t.ctx, settings);
    const a = await processInboundEmail(t.ctx, (await t.ctx.db.selectFrom('inbound_emails').select('id').where('message_id', '=', first).executeTakeFirstOrThrow()).id);
    const reply = mid();
    await append(raw({ messageId: reply, subject: 'Re: Disk is slow', text: 'Now it is fine.\n\n> iops are low', inReplyTo: first }));
    await pollImap(t.ctx, settings);
    const b = await processInboundEmail(t.ctx, (await t.ctx.db.selectFrom('inbound_emails').select('id').where('message_id', '=', reply).executeTakeFirstOrThrow()).id);
    expect(b).toMatchObject({ outcome: 'replied', ticketId: a?.ticketId });
    const bodies = await t.ctx.db.selectFrom('ticket_messages').select('body').where('ticket_id', '=', a?.ticketId ?? '').execute();
    expect(bodies.map((m) => m.body)).toEqual(['Now it is fine.']);
  });

  it('a crash after storing and before flagging neither duplicates nor loses the message', async () => {
    const messageId = mid();
    await append(raw({ messageId, subject: 'Crash test', text: 'stored, then the process dies' }));
    await expect(
      pollImap(t.ctx, settings, {
        afterStore: () => {
          throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    // Stored here, still unread on the server.
    expect(await inboundCount(messageId)).toBe(1);
    expect(await unseen()).toHaveLength(1);
    const again = await pollImap(t.ctx, settings);
    expect(again).toEqual({ stored: 0, recovered: 1, tooLarge: 0 });
    expect(await inboundCount(messageId)).toBe(1);
    expect(await unseen()).toEqual([]);
  });

  it('the same Message-ID under a new UID (a copy, a rebuilt mailbox) is not stored twice', async () => {
    const messageId = mid();
    const msg = raw({ messageId, subject: 'Copy', text: 'twice' });
    await append(msg);
    await pollImap(t.ctx, settings);
    await append(msg);
    expect(await pollImap(t.ctx, settings)).toEqual({ stored: 0, recovered: 1, tooLarge: 0 });
    expect(await inboundCount(messageId)).toBe(1);
    expect(await unseen()).toEqual([]);
  });

  it('moves processed mail to a folder when configured to, creating the folder', async () => {
    const move = { ...settings, after: 'move' as const, moveTo: 'Processed/Tierdesk' };
    const messageId = mid();
    await append(raw({ messageId, subject: 'Move me', text: 'please' }));
    const res = await pollImap(t.ctx, move);
    expect(res.stored).toBe(1);
    const inInbox = await mailbox(async (c) => (await c.mailboxOpen('INBOX')).exists);
    expect(inInbox).toBe(0);
    const moved = await mailbox(async (c) => {
      await c.mailboxOpen('Processed/Tierdesk');
      const ids: string[] = [];
      for await (const m of c.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
      return ids;
    });
    // Messages stored by earlier polls (if any) are moved too, and never stored again.
    expect(moved).toContain(messageId);
    expect(await inboundCount(messageId)).toBe(1);
  });

  it('leaves a message over EMAIL_MAX_BYTES on the server, recorded, without storing it', async () => {
    const messageId = mid();
    await append(raw({ messageId, subject: 'Huge', text: 'x'.repeat(4000) }));
    const small = { ...t.ctx, config: { ...t.ctx.config, emailMaxBytes: 2048 } };
    expect(await pollImap(small, settings)).toEqual({ stored: 0, recovered: 0, tooLarge: 1 });
    expect(await inboundCount(messageId)).toBe(0);
    expect(await unseen()).toHaveLength(1);
    // Not fetched again on the next poll.
    expect(await pollImap(small, settings)).toEqual({ stored: 0, recovered: 0, tooLarge: 0 });
    await mailbox(async (c) => {
      await c.mailboxOpen('INBOX');
      await c.messageFlagsAdd({ seen: false }, ['\\Seen']);
    });
  });

  it('boot schedules the poll job when IMAP_URL is set, and the job ingests and processes mail with no further help', async () => {
    const url = `imap://${USER}:${encodeURIComponent(PASS)}@127.0.0.1:${dovecot.port}/INBOX`;
    const app = await testApp({ env: { IMAP_URL: url, TIERDESK_WORKERS: 'true', MAIL_FROM: 'Support <support@desk.test>' } });
    try {
      const schedule = await sql<{ cron: string }>`SELECT cron FROM pgboss.schedule WHERE name = 'email.imap_poll'`.execute(app.ctx.db);
      expect(schedule.rows).toEqual([{ cron: '* * * * *' }]);
      const who = await app.f.customer((await app.f.org()).id);
      const messageId = mid();
      await append(raw({ messageId, subject: 'Через IMAP и очередь', text: 'hello' }).replace(customer.email, who.email));
      await app.ctx.jobs.send(app.ctx.db, 'email.imap_poll', {});
      let row: { status: string; ticket_id: string | null } | undefined;
      for (let i = 0; i < 800 && row?.status !== 'processed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        row = await app.ctx.db.selectFrom('inbound_emails').select(['status', 'ticket_id']).where('message_id', '=', messageId).executeTakeFirst();
      }
      expect(row?.status).toBe('processed');
      const ticket = await app.ctx.db.selectFrom('tickets').select(['channel', 'subject', 'requester_id']).where('id', '=', row?.ticket_id ?? '').executeTakeFirstOrThrow();
      expect(ticket).toEqual({ channel: 'email', subject: 'Через IMAP и очередь', requester_id: who.id });
    } finally {
      await app.close();
    }
    // A second app with job workers boots and works its queues: slow on a busy machine.
  }, 120_000);

  it('refuses a wrong password with an error and stores nothing', async () => {
    await expect(pollImap(t.ctx, { ...settings, pass: 'wrong' })).rejects.toThrow();
  });
});

describe('IMAP settings', () => {
  it('parses IMAP_URL with percent-encoded credentials and validates the settings', () => {
    expect(imapSettings('imaps://desk%40example.com:p%40ss@imap.example.com/Support%20Inbox')).toMatchObject({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      user: 'desk@example.com',
      pass: 'p@ss',
      mailbox: 'Support Inbox',
    });
    expect(imapSettings('imap://u:p@h:1143')).toMatchObject({ port: 1143, secure: false, mailbox: 'INBOX' });
    expect(() => loadConfig({ IMAP_URL: 'http://x' })).toThrow(/IMAP_URL/);
    expect(() => loadConfig({ IMAP_URL: 'imaps://host/INBOX' })).toThrow(/IMAP_URL/);
    expect(() => loadConfig({ IMAP_POLL_SECONDS: '1' })).toThrow(/IMAP_POLL_SECONDS/);
    expect(() => loadConfig({ IMAP_AFTER: 'delete' })).toThrow(/IMAP_AFTER/);
    expect(loadConfig({ IMAP_URL: 'imaps://u:p@h/INBOX', IMAP_AFTER: 'move' })).toMatchObject({ imapUrl: 'imaps://u:p@h/INBOX', imapPollSeconds: 60, imapAfter: 'move', imapMoveTo: 'Processed' });
    expect([pollCron(5), pollCron(60), pollCron(300), pollCron(3600)]).toEqual(['* * * * *', '* * * * *', '*/5 * * * *', '0 * * * *']);
  });
});
