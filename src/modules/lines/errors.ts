import { AppError } from '../../shared/errors.js';

export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);
export const lineNotFound = () => new AppError('NOT_FOUND', 'Line not found');
export const teamNotFound = () => new AppError('NOT_FOUND', 'Team not found');
export const shiftNotFound = () => new AppError('NOT_FOUND', 'Shift not found');
export const reasonNotFound = () => new AppError('NOT_FOUND', 'Escalation reason not found');
export const managerEscalationNotFound = () => new AppError('NOT_FOUND', 'Manager escalation not found');
export const ruleSetVersionNotFound = () => new AppError('NOT_FOUND', 'Rule set version not found');
export const closedTicket = (status: string) =>
  new AppError('INVALID_TRANSITION', `A ${status} request cannot change lines; reopen it first`, { from: status });
export const noHigherLine = () => new AppError('CONFLICT', 'The request is already at the highest line');
export const noLowerLine = () => new AppError('CONFLICT', 'The request is already at the lowest line');
export const escalationInfoMissing = (missing: string[], required: string[]) =>
  new AppError('ESCALATION_INFO_MISSING', `Collect the missing diagnostic information before escalating: ${missing.join(', ')}`, { missing, required });
