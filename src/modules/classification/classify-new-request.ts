/**
 * The classifier's pass over a new request, inside its create transaction and before routing:
 * suggests type, catalogue item, priority and line; above the admin's threshold it fills in what
 * the submitter left unset (so routing already sees it); the suggestion and the history event
 * `ticket.classified` are written once the request row exists (on `ticket.created`).
 */
import type { Transaction } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { DB, Priority, TicketType } from '../../db/schema.js';
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/queue.js';
import { recordEvent, subscribe, type RecordedEvent } from '../audit/index.js';
import { priorities, ticketTypes } from '../tickets/schemas.js';
import { activeModel } from './active-model.js';
import { readThreshold } from './queries.js';
import { setPending, takePending, type PendingClassification } from './pending.js';
import { suggest } from './suggest.js';
import { assertSubmissionMatchesForm } from '../catalogue/validate-submission.js';

/** What of the create input the classifier may fill in. */
export interface ClassifiableInput {
  subject: string;
  description: string;
  type?: TicketType;
  priority?: Priority;
  catalogueItemId?: string;
}

/**
 * Fills `input.catalogueItemId`, `input.type` and `input.priority` where the submitter did not and
 * the suggestion clears the threshold. A catalogue item the submitter chose decides the type (its
 * default), so the type is only applied when neither was given. Never throws for a classifier fault:
 * a request is registered without a suggestion rather than refused.
 */
export async function classifyNewRequest(ctx: AppContext, trx: Transaction<DB>, input: ClassifiableInput): Promise<void> {
  subscribe(storeOnCreated);
  let active;
  try {
    active = await activeModel(ctx.db, trx);
  } catch (err) {
    console.error(JSON.stringify({ level: 50, msg: 'classifier model unavailable', err: String(err) }));
    return;
  }
  if (!active) return;
  const suggestions = suggest(active.model, input.subject, input.description);
  const threshold = await readThreshold(trx);
  const applied: PendingClassification['applied'] = {};
  const sure = (c: number) => threshold < 1 && c >= threshold && c > 0;

  const cat = suggestions.catalogue;
  const catalogueChosen = input.catalogueItemId !== undefined;
  if (!catalogueChosen && sure(cat.confidence)) {
    const item = await trx
      .selectFrom('catalogue_items')
      .select('id')
      .where('code', '=', cat.label)
      .where('kind', '=', 'service')
      .where('active', '=', true)
      .executeTakeFirst();
    // An item whose intake form this submission does not fill stays a suggestion: the customer never
    // chose it, so its form must not turn their request into a 400.
    if (item && (await fitsForm(trx, item.id, input))) {
      input.catalogueItemId = item.id;
      applied.catalogue = cat.label;
    }
  }
  const type = suggestions.type;
  if (input.type === undefined && !catalogueChosen && sure(type.confidence) && (ticketTypes as readonly string[]).includes(type.label)) {
    input.type = type.label as TicketType;
    applied.type = type.label;
  }
  const prio = suggestions.priority;
  if (input.priority === undefined && sure(prio.confidence) && (priorities as readonly string[]).includes(prio.label)) {
    input.priority = prio.label as Priority;
    applied.priority = prio.label;
  }
  setPending(trx, { modelVersion: active.version, threshold, suggestions, applied });
}

async function fitsForm(trx: Transaction<DB>, itemId: string, input: ClassifiableInput): Promise<boolean> {
  try {
    await assertSubmissionMatchesForm(trx, itemId, input as Parameters<typeof assertSubmissionMatchesForm>[2]);
    return true;
  } catch {
    return false;
  }
}

/** `ticket.created` in the same transaction: store the suggestion and, if anything was applied, say so in the history. */
export async function storeOnCreated(exec: Executor, jobs: Pick<JobQueue, 'send'>, e: RecordedEvent): Promise<void> {
  if (e.type !== 'ticket.created' || !e.ticketId) return;
  const p = takePending(exec);
  if (!p) return;
  await exec
    .insertInto('ticket_classifications')
    .values(
      Object.entries(p.suggestions).map(([target, s]) => ({
        ticket_id: e.ticketId as string,
        target: target as 'type' | 'catalogue' | 'priority' | 'line',
        label: s.label,
        confidence: s.confidence,
        explanation: JSON.stringify(s.explanation),
        rule: s.rule,
        model_id: p.modelVersion,
        applied: p.applied[target as keyof typeof p.applied] !== undefined,
        created_at: e.at,
      })),
    )
    .execute();
  if (Object.keys(p.applied).length === 0) return;
  await recordEvent(exec, jobs, {
    type: 'ticket.classified',
    ticketId: e.ticketId,
    organizationId: e.organizationId ?? null,
    actorId: null,
    visibility: 'internal',
    at: e.at,
    data: {
      authorKind: 'classifier',
      by: 'classifier',
      modelVersion: p.modelVersion,
      threshold: p.threshold,
      applied: Object.fromEntries(
        Object.entries(p.applied).map(([t, label]) => {
          const s = p.suggestions[t as keyof typeof p.suggestions];
          return [t, { label, confidence: s.confidence, rule: s.rule, terms: s.explanation.map((x) => x.term) }];
        }),
      ),
    },
  });
}
