import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';
import type { Macro } from '../../db/schema.js';

/** A global macro is for every agent; a line's or team's macro for its members (managers and admins use all). */
export function mayUse(actor: Actor, m: Pick<Macro, 'line_id' | 'team_id' | 'active'>): boolean {
  if (actor.kind !== 'staff') return false;
  if (isManager(actor)) return true;
  if (!m.active) return false;
  if (m.line_id) return actor.lineIds.includes(m.line_id);
  if (m.team_id) return actor.teamIds.includes(m.team_id);
  return true;
}

export function assertMacroAdmin(actor: Actor): void {
  if (actor.kind !== 'staff' || actor.staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may manage macros');
}
