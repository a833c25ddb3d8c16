import { AppError } from '../../shared/errors.js';

export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);
export const macroNotFound = () => new AppError('NOT_FOUND', 'Macro not found');
