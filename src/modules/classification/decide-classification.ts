/**
 * L1 decides a suggestion: accept it (its values are set on the request) or override it with the
 * right values. Either way the change goes through the tickets module's update (optimistic version,
 * history event); an override is also stored as training data for the next retraining.
 */
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../../shared/errors.js';
import { loadVisibleTicket } from '../tickets/load-ticket.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { priorities, ticketTypes, type UpdateTicketInput } from '../tickets/schemas.js';
import { assertCanTriage } from './policy.js';
import { suggestionsOf } from './queries.js';
import { currentLabels, presentClassification } from './get-classification.js';
import { requestText } from './suggest.js';

const appliable = ['type', 'catalogue', 'priority'] as const;
type Appliable = (typeof appliable)[number];

export const decideClassificationInput = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('accept'),
    targets: z.array(z.enum(appliable)).min(1).max(3).optional().describe('default: every suggested value that differs from the request'),
    version: z.number().int().positive().optional().describe('the request version (alternative to If-Match)'),
  }),
  z.strictObject({
    action: z.literal('override'),
    values: z
      .strictObject({
        type: z.enum(ticketTypes).optional(),
        catalogueItemCode: z.string().trim().min(1).max(100).optional().describe('a service of the catalogue, e.g. compute.vm.unavailable'),
        priority: z.enum(priorities).optional(),
        lineCode: z.string().trim().min(1).max(20).optional().describe('the line that should own such requests; recorded for training, the request is not moved (use escalation)'),
      })
      .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'give at least one of type, catalogueItemCode, priority, lineCode' }),
    version: z.number().int().positive().optional(),
  }),
]);
export type DecideClassificationInput = z.infer<typeof decideClassificationInput>;

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);

export async function decideClassification(ctx: AppContext, actor: Actor, key: string, input: DecideClassificationInput, ifMatch: number | undefined) {
  assertCanTriage(actor);
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const rows = await suggestionsOf(ctx.db, t.id);
  if (!rows.length) throw new AppError('CONFLICT', 'This request has no classifier suggestion to decide');
  const suggested = Object.fromEntries(rows.map((r) => [r.target, r.label])) as Record<string, string>;
  const version = ifMatch ?? input.version;

  // The values to set, by target.
  const chosen: Partial<Record<Appliable | 'line', string>> = {};
  if (input.action === 'accept') {
    const current = await currentLabels(ctx.db, t);
    const targets = input.targets ?? appliable.filter((a) => suggested[a] !== undefined && suggested[a] !== current[a]);
    for (const target of targets) {
      const label = suggested[target];
      if (label === undefined || label === '') throw bad('targets', `no suggestion for ${target}`);
      chosen[target] = label;
    }
  } else {
    const v = input.values;
    if (v.type) chosen.type = v.type;
    if (v.priority) chosen.priority = v.priority;
    if (v.catalogueItemCode) chosen.catalogue = v.catalogueItemCode;
    if (v.lineCode) {
      const line = await ctx.db.selectFrom('lines').select('code').where('code', '=', v.lineCode).executeTakeFirst();
      if (!line) throw bad('values.lineCode', 'no such line');
      chosen.line = line.code;
    }
  }

  const patch: UpdateTicketInput = {};
  if (chosen.type) {
    if (!(ticketTypes as readonly string[]).includes(chosen.type)) throw bad('targets', `the suggested type ${chosen.type} is not a request type`);
    patch.type = chosen.type as UpdateTicketInput['type'];
  }
  if (chosen.priority) {
    if (!(priorities as readonly string[]).includes(chosen.priority)) throw bad('targets', `the suggested priority ${chosen.priority} is not a priority`);
    patch.priority = chosen.priority as UpdateTicketInput['priority'];
  }
  if (chosen.catalogue) {
    const item = await ctx.db
      .selectFrom('catalogue_items')
      .select('id')
      .where('code', '=', chosen.catalogue)
      .where('kind', '=', 'service')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!item) throw bad(input.action === 'override' ? 'values.catalogueItemCode' : 'targets', `no active catalogue service with code ${chosen.catalogue}`);
    patch.catalogueItemId = item.id;
  }

  // The tickets module's update: version check, history event, 409 on a stale version.
  if (Object.keys(patch).length) await updateTicket(ctx, actor, key, patch, version);
  else if (version !== undefined && version !== t.version) {
    throw new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: t.version });
  }

  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const fresh = await loadVisibleTicket(trx, actor, key);
    for (const [target, label] of Object.entries(chosen)) {
      await trx
        .updateTable('ticket_classifications')
        .set({ decision: label === suggested[target] ? 'accepted' : 'overridden', decided_by: actor.userId, decided_at: now })
        .where('ticket_id', '=', t.id)
        .where('target', '=', target as 'type' | 'catalogue' | 'priority' | 'line')
        .execute();
    }
    if (input.action === 'override') {
      const labels = await currentLabels(trx, fresh);
      const final: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...labels, ...(chosen.line ? { line: chosen.line } : {}) })) if (v) final[k] = v;
      await trx
        .insertInto('classifier_overrides')
        .values({
          ticket_id: t.id,
          created_by: actor.userId,
          created_at: now,
          text: requestText(fresh.subject, fresh.description),
          labels: JSON.stringify(final),
          suggested: JSON.stringify(suggested),
        })
        .execute();
    }
  });
  const after = await loadVisibleTicket(ctx.db, actor, key);
  return presentClassification(ctx.db, after);
}
