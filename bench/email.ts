import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import pg from 'pg';
import { createBenchDatabase, loadAverage, machine, printMachine } from './lib/env.js';
import { formatSummary, now, summarize } from './lib/stats.js';

/**
 * Inbound e-mail over SMTP: a tierdesk process of its own (node src/main.ts on a temporary PostgreSQL
 * database, job workers off) accepts MESSAGES realistic 20 KB messages with one attachment from CLIENTS
 * nodemailer clients, each on one kept-open SMTP connection. A message counts once tierdesk answered 250,
 * i.e. once its raw bytes, parsed row and processing job are committed. The tierdesk process's RSS is
 * sampled from /proc. Reference in the same run: single-row INSERTs of the same 20 KB per row.
 */
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const WARMUP = 50;
const CLIENTS = 4;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

async function waitForPort(port: number, child: { exitCode: number | null }, seconds = 90): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`tierdesk exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tierdesk did not listen on ${port}`);
}

/** Resident set size of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

const paragraph =
  'После обновления образа виртуальная машина перестала отвечать на ping, в консоли видно, что сетевой интерфейс eth0 не поднимается. ' +
  'After the image update the VM stopped answering ping; the console shows eth0 does not come up. Project mcs1234567890, region ru-msk-1, ' +
  'instance 6f1c2a9e-3b7d-4e21-9c55-0a8b7e6d5f43, floating IP 185.86.147.12. Снапшот диска сделан до обновления.\n\n';

/** About 20 KB on the wire: a ~6 KB text body and a 10 KB binary attachment (base64 inflates it to ~13.7 KB). */
function message(from: string, i: number, attachment: Buffer): SendMailOptions {
  return {
    from,
    to: 'support@desk.bench',
    subject: `VM unreachable after image update #${i}`,
    messageId: `<bench-${i}-${crypto.randomBytes(4).toString('hex')}@client.bench>`,
    text: paragraph.repeat(6),
    attachments: [{ filename: 'console-log.bin', content: attachment, contentType: 'application/octet-stream' }],
  };
}

async function rawSize(msg: SendMailOptions): Promise<number> {
  const buf = await new MailComposer(msg).compile().build();
  return buf.length;
}

export async function run(): Promise<void> {
  printMachine(await machine());
  const bench = await createBenchDatabase(4);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-email-'));
  try {
    const org = await bench.database.db.insertInto('organizations').values({ name: 'Bench mail org' }).returning('id').executeTakeFirstOrThrow();
    const from = `bench-${crypto.randomBytes(3).toString('hex')}@customer.bench`;
    await bench.database.db.insertInto('users').values({ email: from, name: 'Bench Customer', kind: 'customer', organization_id: org.id, org_role: 'member', locale: 'en' }).execute();

    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: bench.url,
        DATABASE_POOL_SIZE: '10',
        TIERDESK_DEMO: 'false',
        TIERDESK_AUTO_MIGRATE: 'false',
        TIERDESK_WORKERS: 'false',
        TIERDESK_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(httpPort),
        SMTP_LISTEN_PORT: String(smtpPort),
        MAIL_FROM: 'Support <support@desk.bench>',
      },
    });
    const pid = child.pid;
    if (!pid) throw new Error('tierdesk did not start');
    try {
      await waitForPort(smtpPort, child);
      await new Promise((r) => setTimeout(r, 1000));
      const rssStart = rssMiB(pid);
      let rssPeak = rssStart;
      const sampler = setInterval(() => {
        try {
          rssPeak = Math.max(rssPeak, rssMiB(pid));
        } catch {
          // the process ended
        }
      }, 100);

      const attachment = crypto.randomBytes(10 * 1024);
      const size = await rawSize(message(from, 0, attachment));
      console.log(`\nmessage: ${(size / 1024).toFixed(1)} KiB raw (text body + one 10 KiB binary attachment), ${MESSAGES} messages, ${CLIENTS} nodemailer clients, each on one kept-open SMTP connection`);
      const transports = Array.from({ length: CLIENTS }, () => nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity }));
      let next = 0;
      const latencies: number[] = [];
      let errors = 0;
      let firstError = '';
      const drive = async (total: number, record: boolean) => {
        next = 0;
        await Promise.all(
          transports.map(async (tr) => {
            for (;;) {
              const i = next++;
              if (i >= total) return;
              const t0 = now();
              try {
                const info = await tr.sendMail(message(from, i, attachment));
                if (!/^250 /.test(info.response)) throw new Error(info.response);
                if (record) latencies.push(now() - t0);
              } catch (err) {
                errors++;
                firstError ||= err instanceof Error ? err.message : String(err);
              }
            }
          }),
        );
      };
      await drive(WARMUP, false);
      const loadBefore = loadAverage();
      const t0 = now();
      await drive(MESSAGES, true);
      const seconds = (now() - t0) / 1000;
      clearInterval(sampler);
      for (const tr of transports) tr.close();
      const rssEnd = rssMiB(pid);
      const stored = await bench.database.pool.query<{ n: number; jobs: number }>(
        `SELECT (SELECT count(*)::int FROM inbound_emails) AS n, (SELECT count(*)::int FROM pgboss.job WHERE name = 'email.process') AS jobs`,
      );
      const rate = latencies.length / seconds;
      console.log(`smtp ingest: ${rate.toFixed(1)} messages/s (${latencies.length} in ${seconds.toFixed(1)} s) latency to 250 ${formatSummary(summarize(latencies))}${errors ? ` errors=${errors} first: ${firstError}` : ''}`);
      console.log(`stored rows ${stored.rows[0]?.n ?? '?'} (incl. ${WARMUP} warm-up), processing jobs ${stored.rows[0]?.jobs ?? '?'}; load average before ${loadBefore}, after ${loadAverage()}`);
      console.log(`tierdesk RSS: start ${rssStart.toFixed(0)} MiB, peak ${rssPeak.toFixed(0)} MiB, end ${rssEnd.toFixed(0)} MiB`);

      // Reference: the same bytes as single-row INSERTs (autocommit), as many connections as clients.
      const raw = (await new MailComposer(message(from, 0, attachment)).compile().build()).toString('utf8');
      const setup = new pg.Client({ connectionString: bench.url });
      await setup.connect();
      await setup.query('CREATE TABLE bench_raw_mail (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), received_at timestamptz NOT NULL DEFAULT now(), raw text NOT NULL)');
      await setup.end();
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const c = new pg.Client({ connectionString: bench.url });
          await c.connect();
          return c;
        }),
      );
      let k = 0;
      const r0 = now();
      await Promise.all(
        clients.map(async (c) => {
          while (k++ < MESSAGES) await c.query({ name: 'raw_mail', text: 'INSERT INTO bench_raw_mail (raw) VALUES ($1)', values: [`${raw}\n${k}`] });
        }),
      );
      const rawRate = MESSAGES / ((now() - r0) / 1000);
      await Promise.all(clients.map((c) => c.end()));
      console.log(`raw INSERT of the same ${(raw.length / 1024).toFixed(1)} KiB per row, ${CLIENTS} connections, autocommit: ${rawRate.toFixed(0)} rows/s`);
      console.log(`\nratio smtp/raw = ${(rate / rawRate).toFixed(2)}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
        setTimeout(resolve, 20_000).unref();
      });
    }
  } finally {
    await bench.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
