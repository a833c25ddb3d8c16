import { AppError } from '../../shared/errors.js';
import type { FieldError } from './form-fields.js';

export const catalogueItemNotFound = () => new AppError('NOT_FOUND', 'Catalogue item not found');
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${field}`, message }]);
/** 400 with one detail per form field: missing, wrong type, bad format. */
export const formInvalid = (details: FieldError[]) =>
  new AppError('VALIDATION_FAILED', `The form is not filled in correctly: ${details.map((d) => d.field.replace(/^body\./, '')).join(', ')}`, details);
export const nothingMissing = () => new AppError('CONFLICT', 'Nothing the catalogue form needs is missing; there is nothing to ask the customer');
