import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// SLA notification digests: past a few SLA mails per recipient in a ten-minute window, further ones are
// held ('held') and summed up in one digest mail at the window's end ('digested' once summed up), so an
// outage storm does not bury a duty manager under one mail per request.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE outbound_emails DROP CONSTRAINT outbound_emails_status_check;
    ALTER TABLE outbound_emails ADD CONSTRAINT outbound_emails_status_check
      CHECK (status IN ('queued', 'sent', 'partial', 'failed', 'outbox', 'held', 'digested'));
    CREATE INDEX outbound_emails_held ON outbound_emails (created_at) WHERE status = 'held';

    -- SLA mails sent per recipient per window (the digest's rate limit); old windows are cleaned up daily.
    CREATE TABLE notification_windows (
      address text NOT NULL,
      window_start timestamptz NOT NULL,
      sent int NOT NULL,
      PRIMARY KEY (address, window_start)
    );
    `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    DROP TABLE notification_windows;
    DROP INDEX outbound_emails_held;
    UPDATE outbound_emails SET status = 'outbox' WHERE status IN ('held', 'digested');
    ALTER TABLE outbound_emails DROP CONSTRAINT outbound_emails_status_check;
    ALTER TABLE outbound_emails ADD CONSTRAINT outbound_emails_status_check CHECK (status IN ('queued', 'sent', 'partial', 'failed', 'outbox'));
    `,
    )
    .execute(db);
}
