import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Visibility } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';

export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface DomainEvent {
  type: string;
  ticketId?: string | null;
  organizationId?: string | null;
  actorId?: string | null;
  visibility?: Visibility;
  changes?: Changes;
  data?: Record<string, unknown>;
  at?: Date;
}

export interface RecordedEvent extends DomainEvent {
  id: number;
  at: Date;
}

/**
 * Reacts to an event inside the transaction that records it (e.g. SLA clocks pause when a request waits
 * on the customer), so the reaction commits or rolls back with the change. Keep handlers to SQL and jobs.
 */
export type EventSubscriber = (exec: Executor, jobs: Pick<JobQueue, 'send'>, event: RecordedEvent) => Promise<void>;

const subscribers: EventSubscriber[] = [];

/** Registered once at module load by the modules that react (see src/jobs/subscribers.ts). */
export function subscribe(handler: EventSubscriber): void {
  if (!subscribers.includes(handler)) subscribers.push(handler);
}

/**
 * Tells recordEvent whether an event needs its `events.dispatch` fan-out job (the webhooks module sets
 * it at start). Without one every event gets the job.
 */
export interface FanOutFilter {
  /** A scalar SQL expression that changes whenever the listeners change; read by the event's own insert. */
  version: RawBuilder<string>;
  /** Whether anything listens to `type`, given the listeners' `version` as this transaction sees it. */
  wants(exec: Executor, version: string, type: string): Promise<boolean>;
}

let fanOut: FanOutFilter | null = null;

export function setFanOutFilter(filter: FanOutFilter): void {
  fanOut = filter;
}

/**
 * Appends to the history and queues the event's fan-out (webhooks) in the caller's transaction,
 * so a change, its history row and its deliveries commit or vanish together. An event nobody listens
 * to gets no fan-out job: an SLA breach storm or a mass outage's intake costs no dispatch work then.
 */
export async function recordEvent(exec: Executor, jobs: Pick<JobQueue, 'send'>, e: DomainEvent): Promise<number> {
  const row = await exec
    .insertInto('events')
    .values({
      type: e.type,
      ticket_id: e.ticketId ?? null,
      organization_id: e.organizationId ?? null,
      actor_id: e.actorId ?? null,
      visibility: e.visibility ?? 'public',
      changes: JSON.stringify(e.changes ?? {}),
      data: JSON.stringify(e.data ?? {}),
      ...(e.at ? { created_at: e.at } : {}),
    })
    .returning(['id', 'created_at', (fanOut?.version ?? sql<string>`''`).as('listeners')])
    .executeTakeFirstOrThrow();
  if (!fanOut || (await fanOut.wants(exec, row.listeners, e.type))) await jobs.send(exec, 'events.dispatch', { eventId: row.id });
  for (const handler of subscribers) await handler(exec, jobs, { ...e, id: row.id, at: row.created_at });
  return row.id;
}

/** The fields that differ between two snapshots, as { field: { from, to } }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
  const out: Changes = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    const was = before[k];
    if (JSON.stringify(was) !== JSON.stringify(v)) out[k] = { from: was ?? null, to: v ?? null };
  }
  return out;
}
