import type { Updateable } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { WebhooksTable } from '../../db/schema.js';
import { presentWebhook } from './presenter.js';
import { webhookColumns } from './queries.js';
import { webhookNotFound } from './errors.js';
import type { UpdateWebhookInput, WebhookView } from './schemas.js';
import { assertAllowedTarget } from './target-guard.js';

export async function updateWebhook(ctx: AppContext, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
  const patch: Updateable<WebhooksTable> = {};
  if (input.url !== undefined) {
    assertAllowedTarget(input.url, ctx.config.webhookAllowPrivate);
    patch.url = input.url;
  }
  if (input.eventTypes !== undefined) patch.event_types = input.eventTypes;
  if (input.description !== undefined) patch.description = input.description;
  if (input.active !== undefined) patch.active = input.active;
  const row = await ctx.db.updateTable('webhooks').set(patch).where('id', '=', id).returning(webhookColumns).executeTakeFirst();
  if (!row) throw webhookNotFound();
  return presentWebhook(row);
}

/** Deleting cascades to the delivery log; queued delivery jobs then find no row and do nothing. */
export async function deleteWebhook(ctx: AppContext, id: string): Promise<void> {
  const res = await ctx.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  if (res.numDeletedRows === 0n) throw webhookNotFound();
}
