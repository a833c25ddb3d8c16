import { AppError } from '../../shared/errors.js';

export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field, message }]);
export const massOutageNotFound = () => new AppError('NOT_FOUND', 'Mass-outage candidate not found');
export const linkNotFound = () => new AppError('NOT_FOUND', 'The requests are not linked');
export const alreadyLinked = (kind: string) => new AppError('CONFLICT', `The requests are already linked (${kind}); unlink them first`, { kind });
