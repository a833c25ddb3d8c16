import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Channel, TicketType } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import type { CreateTicketInput } from './schemas.js';
import { bilingualVector, extractIdents } from './queries.js';
import { defaultPriority, defaultRouting } from './routing.js';
import { invalidField, ticketNotFound } from './errors.js';
import { onTicketCreated } from '../lines/on-ticket-created.js';
import { classifyNewRequest } from '../classification/classify-new-request.js';
import { assertSubmissionMatchesForm } from '../catalogue/validate-submission.js';

export interface CreateResult {
  ticketId: string;
  key: string;
  replayed: boolean;
}

/**
 * Registers a request. With an idempotency key, a retry of the same submission returns the request
 * created the first time; the key row and the request commit together, so neither exists alone.
 */
export async function createTicket(ctx: AppContext, actor: Actor, input: CreateTicketInput, idempotencyKey?: string): Promise<CreateResult> {
  const requestHash = crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
  return ctx.db.transaction().execute(async (trx) => {
    if (idempotencyKey) {
      const prior = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'resource_id'])
        .where('actor_id', '=', actor.userId)
        .where('scope', '=', 'tickets.create')
        .where('key', '=', idempotencyKey)
        .executeTakeFirst();
      if (prior) return replay(trx, prior, requestHash);
    }
    const who = await resolveParties(trx, actor, input);
    await classifyNewRequest(ctx, trx, input); // before the catalogue lookup and routing: may fill type, item, priority
    const item = input.catalogueItemId
      ? await trx
          .selectFrom('catalogue_items')
          .select(['id', 'default_type', 'default_priority', 'active'])
          .where('id', '=', input.catalogueItemId)
          .executeTakeFirst()
      : undefined;
    if (input.catalogueItemId && (!item || !item.active)) throw invalidField('catalogueItemId', 'no such active catalogue item');
    await assertSubmissionMatchesForm(trx, item?.id, input);
    if (input.projectId) {
      const project = await trx
        .selectFrom('organization_projects')
        .select('organization_id')
        .where('project_id', '=', input.projectId)
        .executeTakeFirst();
      if (!project || project.organization_id !== who.organizationId) {
        throw invalidField('projectId', "the project does not belong to the customer's organisation");
      }
    }
    const type: TicketType = input.type ?? item?.default_type ?? 'incident';
    const proposed = input.priority ?? item?.default_priority ?? defaultPriority(type);
    const routing = await defaultRouting(trx, {
      type,
      catalogueItemId: item?.id ?? null,
      priority: proposed,
      organizationId: who.organizationId,
      channel: who.channel,
      region: input.region ?? null,
      subject: input.subject,
      description: input.description,
    });
    // A priority the customer chose stands; otherwise a routing rule may set one.
    const priority = input.priority ?? routing.priority ?? proposed;
    const now = ctx.clock.now();
    const resourceIds = input.resourceIds ?? [];
    const { n } = await sql<{ n: number }>`SELECT nextval('ticket_number_seq')::int AS n`.execute(trx).then((r) => r.rows[0] as { n: number });
    const row = await trx
      .insertInto('tickets')
      .values({
        number: n,
        organization_id: who.organizationId,
        requester_id: who.requesterId,
        created_by_id: actor.userId,
        subject: input.subject,
        description: input.description,
        type,
        priority,
        status: 'new',
        channel: who.channel,
        catalogue_item_id: item?.id ?? null,
        region: input.region ?? null,
        project_id: input.projectId ?? null,
        resource_ids: resourceIds,
        fields: JSON.stringify(input.fields ?? {}),
        line_id: routing.lineId,
        team_id: routing.teamId,
        confidential: routing.confidential || type === 'security',
        created_at: now,
        updated_at: now,
        idents: `sup-${n} ${extractIdents(input.projectId, resourceIds.join(' '), input.subject, input.description)}`.trim(),
        search_all: sql<string>`${bilingualVector(input.subject, 'A')} || ${bilingualVector(input.description, 'B')}`,
        search_public: sql<string>`${bilingualVector(input.subject, 'A')} || ${bilingualVector(input.description, 'B')}`,
      })
      .returning(['id', 'key'])
      .executeTakeFirstOrThrow();
    if (idempotencyKey) {
      await trx
        .insertInto('idempotency_keys')
        .values({ actor_id: actor.userId, scope: 'tickets.create', key: idempotencyKey, request_hash: requestHash, resource_id: row.id })
        .execute();
    }
    await recordEvent(trx, ctx.jobs, {
      type: 'ticket.created',
      ticketId: row.id,
      organizationId: who.organizationId,
      actorId: actor.userId,
      at: now,
      data: { key: row.key, type, priority, channel: who.channel, lineId: routing.lineId, teamId: routing.teamId, ruleId: routing.ruleId, routedBy: routing.source },
    });
    await onTicketCreated(ctx, trx, row.id, routing);
    return { ticketId: row.id, key: row.key, replayed: false };
  });
}

async function replay(exec: Executor, prior: { request_hash: string; resource_id: string }, requestHash: string): Promise<CreateResult> {
  if (prior.request_hash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
  }
  const t = await exec.selectFrom('tickets').select(['id', 'key']).where('id', '=', prior.resource_id).executeTakeFirst();
  if (!t) throw ticketNotFound();
  return { ticketId: t.id, key: t.key, replayed: true };
}

async function resolveParties(exec: Executor, actor: Actor, input: CreateTicketInput) {
  if (actor.kind === 'customer') {
    if (input.organizationId && input.organizationId !== actor.organizationId) throw invalidField('organizationId', 'customers create requests for their own organisation only');
    if (input.requesterId && input.requesterId !== actor.userId) throw invalidField('requesterId', 'customers create requests for themselves');
    const channel: Channel = input.channel === 'email' || input.channel === 'chat' ? input.channel : actor.via === 'token' ? 'api' : 'portal';
    return { organizationId: actor.organizationId as string, requesterId: actor.userId, channel };
  }
  if (actor.kind === 'vendor') throw new AppError('FORBIDDEN', 'Vendors cannot register customer requests');
  if (!input.organizationId || !input.requesterId) {
    throw new AppError('VALIDATION_FAILED', 'Staff must name the customer organisation and requester', [
      ...(input.organizationId ? [] : [{ field: 'body.organizationId', message: 'required for staff' }]),
      ...(input.requesterId ? [] : [{ field: 'body.requesterId', message: 'required for staff' }]),
    ]);
  }
  const requester = await exec
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('id', '=', input.requesterId)
    .where('kind', '=', 'customer')
    .executeTakeFirst();
  if (!requester || requester.organization_id !== input.organizationId) {
    throw invalidField('requesterId', 'the requester is not a user of that organisation');
  }
  const channel: Channel = input.channel ?? (actor.kind === 'integration' ? 'api' : 'phone');
  return { organizationId: input.organizationId, requesterId: requester.id, channel };
}
