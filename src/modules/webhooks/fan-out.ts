/**
 * Which event types any active webhook listens to, cached per process. The cache is checked against a
 * fingerprint of the webhooks table (row count and sum of xmin) that the event's own insert reads, so a
 * webhook created, edited or switched off by any process is seen by the next event, at no extra query.
 */
import { sql } from 'kysely';
import type { FanOutFilter } from '../audit/index.js';
import { subscriptionsMatching } from './event-types.js';

let cached: { version: string; patterns: ReadonlySet<string> } | null = null;

export const webhookFanOut: FanOutFilter = {
  version: sql<string>`(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM webhooks)`,
  async wants(exec, version, type) {
    if (cached?.version !== version) {
      const rows = await exec.selectFrom('webhooks').select('event_types').where('active', '=', true).execute();
      cached = { version, patterns: new Set(rows.flatMap((r) => r.event_types)) };
    }
    const { patterns } = cached;
    return subscriptionsMatching(type).some((p) => patterns.has(p));
  },
};
