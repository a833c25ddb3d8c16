import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { canSee } from './policy.js';
import { findTicketByKey } from './queries.js';
import { ticketNotFound } from './errors.js';

/** The request by key if the actor may see it; otherwise 404 (never 403, to hide existence). */
export async function loadVisibleTicket(exec: Executor, actor: Actor, key: string, forUpdate = false): Promise<Ticket> {
  if (!/^SUP-\d{1,18}$/i.test(key)) throw ticketNotFound();
  const t = await findTicketByKey(exec, key, forUpdate);
  if (!t || !canSee(actor, t)) throw ticketNotFound();
  return t;
}
