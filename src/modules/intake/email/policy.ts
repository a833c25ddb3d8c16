/** Who may do what in the e-mail channel's administration. */
import { AppError } from '../../../shared/errors.js';
import { isAdmin, isManager, type Actor } from '../../identity/actor.js';

/** Notification templates change what every customer receives: administrators only. */
export function assertCanEditTemplates(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an administrator may view or change notification templates');
}

/** The outbox holds customers' mail: administrators and duty managers. */
export function assertCanSeeOutbox(actor: Actor): void {
  if (actor.kind !== 'staff' || !isManager(actor)) throw new AppError('FORBIDDEN', 'Only administrators and duty managers may see outgoing mail');
}
