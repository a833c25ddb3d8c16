import { AppError } from '../../shared/errors.js';

export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
export const accountLocked = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', 'Too many failed sign-in attempts; the account is locked for a while', { lockedUntil: until.toISOString() });
export const loginRateLimited = () => new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; try again in a minute');
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in or send a valid API token');
export const csrfFailed = () => new AppError('CSRF_FAILED', 'Missing or wrong x-csrf-token header');
