import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Notification templates, IMAP mailboxes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    -- An administrator's version of a notification template in one language. The shipped default lives
    -- in code; a row here overrides it, and deleting the row resets the template to the default.
    CREATE TABLE notification_templates (
      name text NOT NULL,
      locale text NOT NULL CHECK (locale IN ('ru', 'en')),
      subject text NOT NULL,
      body text NOT NULL,
      updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (name, locale)
    );

    -- One row per message taken from an IMAP mailbox, written in the transaction that stores the message,
    -- so a poll that crashed after storing and before flagging/moving never stores it twice.
    CREATE TABLE imap_messages (
      mailbox text NOT NULL,
      uid_validity bigint NOT NULL,
      uid bigint NOT NULL,
      message_id text,
      inbound_id uuid REFERENCES inbound_emails(id) ON DELETE SET NULL,
      stored_at timestamptz NOT NULL DEFAULT now(),
      -- When the message was flagged \\Seen or moved on the server.
      done_at timestamptz,
      PRIMARY KEY (mailbox, uid_validity, uid)
    );
    CREATE INDEX imap_messages_message_id ON imap_messages (mailbox, message_id) WHERE message_id IS NOT NULL;

    -- Templated notifications (acknowledgement, resolved, SLA warnings …): which template, and a key that
    -- makes queuing the same notification twice a no-op.
    ALTER TABLE outbound_emails ADD COLUMN template text;
    ALTER TABLE outbound_emails ADD COLUMN notification_key text;
    -- Values of the notification's own placeholders (missing fields, SLA metric …); the rest come from the request.
    ALTER TABLE outbound_emails ADD COLUMN template_vars jsonb NOT NULL DEFAULT '{}';
    CREATE UNIQUE INDEX outbound_emails_notification_key ON outbound_emails (notification_key) WHERE notification_key IS NOT NULL;
    CREATE INDEX outbound_emails_status ON outbound_emails (status, created_at DESC);
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
