import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DB, Ticket, Visibility } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';

type TicketScope = Pick<Ticket, 'organization_id' | 'vendor_id' | 'confidential' | 'team_id'>;

/**
 * Who may see a request: a customer sees their organisation's; a vendor what was handed to them;
 * staff see everything except requests of confidential teams (L3 Security) they are not members of;
 * duty managers and admins see all.
 */
export function canSee(actor: Actor, t: TicketScope): boolean {
  switch (actor.kind) {
    case 'customer':
      return t.organization_id === actor.organizationId;
    case 'vendor':
      return t.vendor_id !== null && t.vendor_id === actor.vendorId;
    case 'staff':
      return isManager(actor) || !t.confidential || (t.team_id !== null && actor.teamIds.includes(t.team_id));
    case 'integration':
      return !t.confidential;
  }
}

/** The same rule as a SQL condition on `tickets`, for lists and search. */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'tickets'>): Expression<SqlBool> => {
    switch (actor.kind) {
      case 'customer':
        return eb('tickets.organization_id', '=', actor.organizationId ?? '00000000-0000-0000-0000-000000000000');
      case 'vendor':
        return eb('tickets.vendor_id', '=', actor.vendorId ?? '00000000-0000-0000-0000-000000000000');
      case 'staff':
        if (isManager(actor)) return eb.val(true);
        return actor.teamIds.length
          ? eb.or([eb('tickets.confidential', '=', false), eb('tickets.team_id', 'in', actor.teamIds)])
          : eb('tickets.confidential', '=', false);
      case 'integration':
        return eb('tickets.confidential', '=', false);
    }
  };
}

/** Which message visibilities the actor may read. */
export const readableVisibilities = (actor: Actor): Visibility[] =>
  actor.kind === 'staff' || actor.kind === 'integration' ? ['public', 'internal'] : ['public'];

export const isStaffLike = (actor: Actor) => actor.kind === 'staff' || actor.kind === 'integration';

export function assertStaff(actor: Actor, what = 'Only support staff may do this'): void {
  if (!isStaffLike(actor)) throw new AppError('FORBIDDEN', what);
}

export function assertCanPost(actor: Actor, visibility: Visibility): void {
  if (visibility === 'internal' && !isStaffLike(actor)) throw new AppError('FORBIDDEN', 'Only staff may add internal notes');
}

export function assertCustomerOfTicket(actor: Actor, t: TicketScope): void {
  if (actor.kind !== 'customer' || actor.organizationId !== t.organization_id) {
    throw new AppError('FORBIDDEN', "Only the customer's organisation may do this");
  }
}
