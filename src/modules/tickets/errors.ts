import { AppError } from '../../shared/errors.js';
import type { TicketStatus } from '../../db/schema.js';

// Requests the actor may not see are reported as missing: existence is not revealed across organisations.
export const ticketNotFound = () => new AppError('TICKET_NOT_FOUND', 'Request not found');
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);
export const versionConflict = (current: number) =>
  new AppError('VERSION_CONFLICT', 'The request was changed by someone else; reload and try again', { currentVersion: current });
export const invalidTransition = (from: TicketStatus, to: TicketStatus, allowed: readonly TicketStatus[]) =>
  new AppError('INVALID_TRANSITION', `A request cannot go from ${from} to ${to}`, { from, to, allowed });
