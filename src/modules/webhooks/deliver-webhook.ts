import http from 'node:http';
import https from 'node:https';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { isUuid } from '../../shared/ids.js';
import { PING_EVENT } from './event-types.js';
import { buildPayload } from './payload.js';
import { sign } from './signature.js';
import { publicOnlyLookup, refusedTarget } from './target-guard.js';

/** pg-boss retries a failed delivery this many times (exponential backoff from the queue's delay). */
export const DELIVERY_RETRY_LIMIT = 8;
const MAX_ATTEMPTS = DELIVERY_RETRY_LIMIT + 1;

/** Queues the POST for a delivery row in the caller's transaction. */
export async function enqueueDelivery(ctx: AppContext, exec: Executor, deliveryId: string): Promise<void> {
  // The retry limit is set per job so the 'failed' cut-off below cannot drift from the queue's setting.
  await ctx.jobs.send(exec, 'webhook.deliver', { deliveryId }, { singletonKey: deliveryId, retryLimit: DELIVERY_RETRY_LIMIT });
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs one delivery. Safe to run twice: it re-reads the row and does nothing unless it is still pending.
 * A non-2xx answer is recorded and rethrown so pg-boss retries it; the last attempt marks it 'failed'.
 */
export async function deliverWebhook(ctx: AppContext, deliveryId: string): Promise<void> {
  // A malformed job payload can never succeed; retrying it would only fail the query eight more times.
  if (!isUuid(deliveryId)) return;
  const d = await loadDelivery(ctx, deliveryId);
  if (!d || d.status !== 'pending') return;
  if (!d.active && d.type !== PING_EVENT) {
    await record(ctx, deliveryId, { status: 'failed', statusCode: null, error: 'the webhook was deactivated', attempted: false });
    return;
  }

  const body = JSON.stringify(buildPayload(d));
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  const outcome = await post(d.url, body, ctx.config.webhookTimeoutMs, {
    'content-type': 'application/json',
    'user-agent': 'tierdesk-webhooks/1',
    'x-tierdesk-event': d.type,
    'x-tierdesk-delivery': deliveryId,
    'x-tierdesk-timestamp': String(timestamp),
    'x-tierdesk-signature': sign(d.secret, timestamp, body),
  }, ctx.config.webhookAllowPrivate);

  const attempts = d.attempts + 1;
  const status = outcome.ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  await record(ctx, deliveryId, { status, statusCode: outcome.statusCode, error: outcome.error, attempted: true });
  if (!outcome.ok) throw new Error(`webhook delivery ${deliveryId} attempt ${attempts} failed: ${outcome.error ?? 'unknown'}`);
}

function loadDelivery(ctx: AppContext, deliveryId: string) {
  return ctx.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .leftJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['d.status', 'd.attempts', 'w.url', 'w.secret', 'w.active'])
    .select(['e.id', 'e.type', 'e.created_at', 'e.visibility', 'e.ticket_id', 't.key as ticket_key', 'e.organization_id', 'e.actor_id', 'e.changes', 'e.data'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

async function post(url: string, body: string, timeoutMs: number, headers: Record<string, string>, allowInternal: boolean): Promise<Outcome> {
  const target = new URL(url);
  // Saved before the guard existed, or the setting was switched off since: refused without connecting.
  const refused = refusedTarget(url, allowInternal);
  if (refused) return { ok: false, statusCode: null, error: `refused: the URL ${refused}` };
  return new Promise((resolve) => {
    const transport = target.protocol === 'https:' ? https : http;
    // Redirects are never followed (http.request does not): a 3xx could forward the signed payload elsewhere.
    const req = transport.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(allowInternal ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const code = res.statusCode ?? 0;
        // The answer's body is not used; dropping it frees the socket without waiting for a slow receiver.
        res.destroy();
        if (code >= 200 && code < 300) resolve({ ok: true, statusCode: code, error: null });
        else resolve({ ok: false, statusCode: code, error: `HTTP ${code}${res.statusMessage ? ` ${res.statusMessage}` : ''}`.slice(0, 500) });
      },
    );
    req.on('error', (err) => resolve({ ok: false, statusCode: null, error: describeRequestError(err, timeoutMs) }));
    req.end(body);
  });
}

function describeRequestError(err: Error & { code?: unknown }, timeoutMs: number): string {
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const detail = err.code === 'EINTERNALTARGET' ? err.message : typeof err.code === 'string' ? err.code : err.message;
  return `request failed: ${detail}`.slice(0, 500);
}

async function record(
  ctx: AppContext,
  deliveryId: string,
  r: { status: 'pending' | 'delivered' | 'failed'; statusCode: number | null; error: string | null; attempted: boolean },
): Promise<void> {
  await ctx.db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: r.status,
      attempts: r.attempted ? eb('attempts', '+', 1) : eb.ref('attempts'),
      last_status_code: r.statusCode,
      last_error: r.error,
      delivered_at: r.status === 'delivered' ? ctx.clock.now() : null,
    }))
    // Only a pending row changes: a concurrent run that already finished it keeps its result.
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}
