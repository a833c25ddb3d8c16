import { AppError } from '../../shared/errors.js';

export const webhookNotFound = () => new AppError('WEBHOOK_NOT_FOUND', 'Webhook not found');
export const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'The cursor is invalid', [{ field: 'querystring.cursor', message: 'invalid cursor' }]);
