import { AppError } from '../../shared/errors.js';

export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);
// Articles a reader may not see are reported as missing: internal articles are not revealed to customers.
export const articleNotFound = () => new AppError('NOT_FOUND', 'Article not found');
export const versionNotFound = () => new AppError('NOT_FOUND', 'Article version not found');
export const sessionNotFound = () => new AppError('NOT_FOUND', 'Suggestion session not found');
export const articleVersionConflict = (current: number) =>
  new AppError('VERSION_CONFLICT', 'The article was changed by someone else; reload and try again', { currentVersion: current });
