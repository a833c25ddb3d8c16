/**
 * Who may do what with the classifier. A suggestion is internal triage data: staff only (customers
 * and vendors never see it, not even for their own requests). Models and the threshold: administrators.
 */
import { AppError } from '../../shared/errors.js';
import { isAdmin, isManager, type Actor } from '../identity/actor.js';

export function assertCanTriage(actor: Actor): void {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff see and decide classifier suggestions');
}

/** Duty managers see the models page read-only. */
export function assertCanReadModels(actor: Actor): void {
  if (actor.kind !== 'staff' || !isManager(actor)) throw new AppError('FORBIDDEN', 'Only duty managers and administrators see classifier models');
}

export function assertCanManageModels(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an administrator manages classifier models');
}
