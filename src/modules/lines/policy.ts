import type { Ticket } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';

/**
 * Who may move a request between lines or assign it: members of the line (or team) that works on it now,
 * and duty managers/admins. Everyone else on staff may look, raise it to the duty manager, nothing more.
 */
export function assertWorksOn(actor: Actor, t: Pick<Ticket, 'line_id' | 'team_id'>): void {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  if (isManager(actor)) return;
  const member = (t.line_id !== null && actor.lineIds.includes(t.line_id)) || (t.team_id !== null && actor.teamIds.includes(t.team_id));
  if (!member) throw new AppError('FORBIDDEN', "Only the line working on this request may do this");
}

export function assertStaffActor(actor: Actor): void {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
}

export function assertManager(actor: Actor): void {
  if (actor.kind !== 'staff' || !isManager(actor)) throw new AppError('FORBIDDEN', 'Only a duty manager or an administrator may do this');
}

/** Hand-overs and line internals: staff and integrations only, never customers or vendors. */
export function assertMaySeeInternals(actor: Actor): void {
  if (actor.kind !== 'staff' && actor.kind !== 'integration') throw new AppError('FORBIDDEN', 'Hand-overs are internal to support');
}

export function assertAdmin(actor: Actor): void {
  if (actor.kind !== 'staff' || actor.staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may do this');
}
