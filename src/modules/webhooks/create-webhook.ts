import type { AppContext } from '../../shared/context.js';
import { randomToken } from '../../shared/ids.js';
import type { Actor } from '../identity/actor.js';
import { presentWebhook } from './presenter.js';
import { webhookColumns } from './queries.js';
import { webhookNotFound } from './errors.js';
import type { CreateWebhookInput, WebhookView } from './schemas.js';
import { assertAllowedTarget } from './target-guard.js';

export type WebhookWithSecret = WebhookView & { secret: string };

// Generated here, never chosen by the admin, so every endpoint gets a full-strength HMAC key.
const newSecret = () => `whsec_${randomToken(32)}`;

/** Registers an endpoint; the secret is returned this once. The caller has checked the actor is an admin. */
export async function createWebhook(ctx: AppContext, actor: Actor, input: CreateWebhookInput): Promise<WebhookWithSecret> {
  assertAllowedTarget(input.url, ctx.config.webhookAllowPrivate);
  const row = await ctx.db
    .insertInto('webhooks')
    .values({
      url: input.url,
      secret: newSecret(),
      event_types: input.eventTypes,
      active: input.active,
      description: input.description ?? '',
      created_by_id: actor.userId,
      created_at: ctx.clock.now(),
    })
    .returning(webhookColumns)
    .executeTakeFirstOrThrow();
  return { ...presentWebhook(row), secret: row.secret };
}

/** Replaces the secret at once: deliveries still pending are signed with the new one when they are (re)sent. */
export async function rotateWebhookSecret(ctx: AppContext, id: string): Promise<WebhookWithSecret> {
  const row = await ctx.db.updateTable('webhooks').set({ secret: newSecret() }).where('id', '=', id).returning(webhookColumns).executeTakeFirst();
  if (!row) throw webhookNotFound();
  return { ...presentWebhook(row), secret: row.secret };
}
