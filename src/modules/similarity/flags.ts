import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { maySeeMassOutages } from './policy.js';

/**
 * The mass-outage flag of each listed request, for viewers allowed to see mass-outage candidates (an empty
 * map for everyone else: customers, vendors, L1). One query over the page's ids (the flag is a column).
 * Imports nothing from the tickets module, which calls it from its list.
 */
export async function massOutageFlags(exec: Executor, actor: Actor, ticketIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ticketIds.length || !(await maySeeMassOutages(exec, actor))) return out;
  const rows = await exec
    .selectFrom('tickets')
    .select(['id', 'mass_outage_id'])
    .where('id', 'in', ticketIds)
    .where('mass_outage_id', 'is not', null)
    .execute();
  for (const r of rows) if (r.mass_outage_id) out.set(r.id, r.mass_outage_id);
  return out;
}
