import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ACTIVE_STATUSES, type SlaClock, type TicketSummary } from '../../types';
import { nearestClock } from './format';

const MAX_ROWS = 50;
const PARALLEL = 6;

/** key → the clock nearest its deadline (null: no live clock, or it could not be read). */
export type QueueSla = ReadonlyMap<string, SlaClock | null>;

/**
 * The list endpoint carries no due instant yet, so after a page loads this asks
 * `GET /tickets/{key}/sla` for the visible active rows: at most 50, six at a time.
 */
export function useQueueSla(items: TicketSummary[]): QueueSla {
  const keys = items
    .filter((i) => ACTIVE_STATUSES.includes(i.status))
    .slice(0, MAX_ROWS)
    .map((i) => `${i.key}@${i.version}`);
  const signature = keys.join(',');
  const [map, setMap] = useState<Map<string, SlaClock | null>>(() => new Map());

  useEffect(() => {
    if (!signature) return;
    let live = true;
    const queue = signature.split(',').map((k) => k.slice(0, k.lastIndexOf('@')));
    async function worker() {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        let clock: SlaClock | null = null;
        try {
          clock = nearestClock((await api.ticketSla(key)).clocks);
        } catch {
          // a request this person may not read the SLA of, or a network blip: no badge
        }
        if (live) setMap((prev) => new Map(prev).set(key, clock));
      }
    }
    void Promise.all(Array.from({ length: PARALLEL }, worker));
    return () => {
      live = false;
    };
  }, [signature]);

  return map;
}
