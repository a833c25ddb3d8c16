import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting tierdesk reads, parsed once at start. Nothing else reads process.env.
 * Defaults make `npm start` work with no settings at all (embedded database, demo data, log-only mail).
 */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    PUBLIC_URL: z.url().optional(),
    TRUST_PROXY: z
      .string()
      .optional()
      .describe('addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed, or "true"; unset = none'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .describe('PostgreSQL connection string; unset = embedded PGlite in TIERDESK_DATA_DIR'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    TIERDESK_DATA_DIR: z.string().default('.tierdesk'),
    TIERDESK_DEMO: boolFromEnv.optional().describe('seed demo data and allow demo logins; default on for the embedded database'),
    TIERDESK_AUTO_MIGRATE: boolFromEnv.optional().describe('apply migrations at start; default on for the embedded database'),
    TIERDESK_WORKERS: boolFromEnv.default(true).describe('run job workers in this process'),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
    COOKIE_SECURE: boolFromEnv.optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
    LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    REOPEN_DAYS: z.coerce.number().int().min(0).default(14),
    ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).default(25 * 1024 * 1024),
    ATTACHMENT_TYPES: z
      .string()
      .default(
        'text/plain,text/csv,application/json,application/pdf,application/zip,application/gzip,application/x-tar,image/png,image/jpeg,image/gif,image/webp,application/octet-stream',
      ),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    WEBHOOK_ALLOW_PRIVATE: boolFromEnv.default(false).describe('let webhooks target loopback, private and link-local addresses (a receiver on this machine or in the private network)'),
    SMTP_LISTEN_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe('port of the built-in SMTP listener for inbound mail; unset = no listener (0 = any free port)'),
    SMTP_LISTEN_HOST: z.string().default('127.0.0.1').describe('address the SMTP listener binds to'),
    MAIL_FROM: z.string().min(3).default('Tierdesk Support <support@tierdesk.localhost>').describe('From of outgoing mail; its domain names outgoing Message-IDs'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional()
      .describe('outgoing SMTP server; unset = mail stays in the outbox table'),
    EMAIL_MAX_BYTES: z.coerce.number().int().min(1024).default(30 * 1024 * 1024).describe('largest inbound message accepted, raw bytes'),
    EMAIL_UNKNOWN_SENDERS: z
      .enum(['reject', 'create-contact'])
      .default('reject')
      .describe("mail from an unknown address: reject it, or add a contact to the organisation whose users share the sender's domain"),
    IMAP_URL: z
      .url()
      .regex(/^imaps?:\/\/[^/@]+@[^/]+/, 'must be imap:// or imaps://user:password@host[:port][/MAILBOX]')
      .optional()
      .describe('mailbox polled for inbound mail, e.g. imaps://desk%40example.com:secret@imap.example.com:993/INBOX; unset = no polling'),
    IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60).describe('seconds between two polls of IMAP_URL'),
    IMAP_AFTER: z
      .enum(['seen', 'move'])
      .default('seen')
      .describe('what happens on the server to a message once it is stored: flag it \\Seen, or move it to IMAP_MOVE_TO'),
    IMAP_MOVE_TO: z.string().min(1).max(200).default('Processed').describe('folder messages are moved to with IMAP_AFTER=move (created if missing)'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.TIERDESK_DEMO === true && c.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['TIERDESK_DEMO'], message: 'demo accounts are not allowed in production on PostgreSQL' });
    }
  });

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  trustProxy: boolean | string[];
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  demo: boolean;
  autoMigrate: boolean;
  workers: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  loginRatePerMinute: number;
  reopenDays: number;
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  webhookTimeoutMs: number;
  /** Webhooks may target loopback, private and link-local addresses (off by default). */
  webhookAllowPrivate: boolean;
  smtpListenPort: number | undefined;
  smtpListenHost: string;
  mailFrom: string;
  smtpUrl: string | undefined;
  emailMaxBytes: number;
  emailUnknownSenders: 'reject' | 'create-contact';
  imapUrl: string | undefined;
  imapPollSeconds: number;
  imapAfter: 'seen' | 'move';
  imapMoveTo: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const embedded = !c.DATABASE_URL;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.PUBLIC_URL,
    trustProxy: !c.TRUST_PROXY ? false : c.TRUST_PROXY === 'true' ? true : c.TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    dataDir: path.resolve(c.TIERDESK_DATA_DIR),
    demo: c.TIERDESK_DEMO ?? embedded,
    autoMigrate: c.TIERDESK_AUTO_MIGRATE ?? embedded,
    workers: c.TIERDESK_WORKERS,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
    loginMaxFailures: c.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: c.LOGIN_LOCKOUT_MINUTES,
    loginRatePerMinute: c.LOGIN_RATE_PER_MINUTE,
    reopenDays: c.REOPEN_DAYS,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    attachmentTypes: c.ATTACHMENT_TYPES.split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    logLevel: c.LOG_LEVEL,
    webhookTimeoutMs: c.WEBHOOK_TIMEOUT_MS,
    webhookAllowPrivate: c.WEBHOOK_ALLOW_PRIVATE,
    smtpListenPort: c.SMTP_LISTEN_PORT,
    smtpListenHost: c.SMTP_LISTEN_HOST,
    mailFrom: c.MAIL_FROM,
    smtpUrl: c.SMTP_URL,
    emailMaxBytes: c.EMAIL_MAX_BYTES,
    emailUnknownSenders: c.EMAIL_UNKNOWN_SENDERS,
    imapUrl: c.IMAP_URL,
    imapPollSeconds: c.IMAP_POLL_SECONDS,
    imapAfter: c.IMAP_AFTER,
    imapMoveTo: c.IMAP_MOVE_TO,
  };
}
