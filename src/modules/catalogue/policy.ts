import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';

/** Catalogue and form editing is for administrators (an admin-scoped token or session). */
export function assertCatalogueAdmin(actor: Actor): void {
  if (actor.kind !== 'staff' || actor.staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may edit the service catalogue');
}

/** Form values of a request: its customers (the requester's organisation) and staff; vendors only read. */
export function assertCanFillForm(actor: Actor): void {
  if (actor.kind === 'vendor') throw new AppError('FORBIDDEN', 'Vendors cannot change the request form');
}

export function assertCanAsk(actor: Actor): void {
  if (actor.kind !== 'staff' && actor.kind !== 'integration') throw new AppError('FORBIDDEN', 'Only support staff may ask the customer for information');
}
