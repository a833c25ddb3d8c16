import crypto from 'node:crypto';

/**
 * How a receiver verifies a delivery:
 *   1. take the raw request body (bytes as received, before any JSON parsing) and the
 *      `x-tierdesk-timestamp` header (Unix seconds);
 *   2. compute hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the webhook's secret;
 *   3. compare it with `x-tierdesk-signature` (after the `sha256=` prefix) in constant time;
 *   4. reject timestamps more than a few minutes old, so a captured request cannot be replayed.
 * The timestamp is inside the MAC so it cannot be swapped to defeat step 4.
 */
export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function verifySignature(
  secret: string,
  header: string,
  timestamp: number,
  rawBody: string,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const nowSeconds = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export const SIGNATURE_DOC =
  'Every delivery is a POST with a JSON body and the headers x-tierdesk-event, x-tierdesk-delivery, ' +
  'x-tierdesk-timestamp (Unix seconds) and x-tierdesk-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the webhook secret>. ' +
  'The body is { id (event id, use it to deduplicate), type, createdAt, visibility, ticket: { id, key } | null, organizationId, actorId, changes: { field: { from, to } }, data }; ' +
  'message text is never included, only message ids. ' +
  'Verify by recomputing the HMAC over the raw body bytes, comparing in constant time, and rejecting timestamps older than ~5 minutes. ' +
  'A 2xx answer marks the delivery delivered; anything else (including redirects and timeouts) is retried with exponential backoff, up to 9 attempts.';
