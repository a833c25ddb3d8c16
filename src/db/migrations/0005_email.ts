import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    -- Every message the SMTP listener accepted, stored before the 250 reply. The raw bytes live in the
    -- blob store (raw_key); the parsed, safe text and the attachment list are kept here for processing.
    CREATE TABLE inbound_emails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      received_at timestamptz NOT NULL DEFAULT now(),
      remote_address text,
      envelope_from text,
      envelope_to text[] NOT NULL DEFAULT '{}',
      message_id text,
      in_reply_to text,
      references_ids text[] NOT NULL DEFAULT '{}',
      from_address text,
      from_name text,
      subject text NOT NULL DEFAULT '',
      -- The headers processing needs (Auto-Submitted, Precedence, X-Autoreply …), lower-cased names.
      headers jsonb NOT NULL DEFAULT '{}',
      body_text text NOT NULL DEFAULT '',
      attachments jsonb NOT NULL DEFAULT '[]',
      raw_key text NOT NULL,
      raw_size bigint NOT NULL,
      -- received: waiting for the processing job; the rest are final.
      status text NOT NULL CHECK (status IN ('received', 'processed', 'ignored', 'rejected', 'failed')),
      outcome text,
      error text,
      ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
      sender_id uuid REFERENCES users(id) ON DELETE SET NULL,
      processed_at timestamptz
    );
    CREATE INDEX inbound_emails_received ON inbound_emails (received_at DESC, id DESC);
    CREATE INDEX inbound_emails_ticket ON inbound_emails (ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE INDEX inbound_emails_pending ON inbound_emails (received_at) WHERE status = 'received';

    -- Message-IDs seen or sent per request, for threading by In-Reply-To / References. Not unique on
    -- message_id alone: a forged ID must not be able to claim another organisation's thread.
    CREATE TABLE email_threads (
      message_id text NOT NULL,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, ticket_id)
    );
    CREATE INDEX email_threads_ticket ON email_threads (ticket_id, created_at);

    -- Outgoing mail. Without an SMTP server configured a message stays here with status 'outbox'.
    CREATE TABLE outbound_emails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      ticket_message_id uuid UNIQUE REFERENCES ticket_messages(id) ON DELETE CASCADE,
      message_id text UNIQUE,
      in_reply_to text,
      references_ids text[] NOT NULL DEFAULT '{}',
      from_address text,
      to_addresses text[] NOT NULL DEFAULT '{}',
      subject text NOT NULL DEFAULT '',
      body_text text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'partial', 'failed', 'outbox')),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX outbound_emails_created ON outbound_emails (created_at DESC, id DESC);
    CREATE INDEX outbound_emails_ticket ON outbound_emails (ticket_id, created_at);

    -- One row per recipient of an outgoing message: what the SMTP server answered, and how often we tried.
    CREATE TABLE email_deliveries (
      outbound_id uuid NOT NULL REFERENCES outbound_emails(id) ON DELETE CASCADE,
      recipient text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      response text,
      last_error text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (outbound_id, recipient)
    );
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
