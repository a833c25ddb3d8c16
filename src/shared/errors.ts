/**
 * One error base with a stable code. Each module declares its codes in its own errors file;
 * the HTTP status of every code is fixed here so the map stays exhaustive at compile time.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  ORGANIZATION_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  REOPEN_PERIOD_EXPIRED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  ESCALATION_INFO_MISSING: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  SLA_PLAN_NOT_FOUND: 404,
  SLA_CALENDAR_NOT_FOUND: 404,
  SLA_POLICY_CONFLICT: 409,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** User-facing message; safe to show. */
    readonly userMessage: string,
    readonly details?: unknown,
    /** Internal message for logs; never sent to the client. */
    internal?: string,
  ) {
    super(internal ?? userMessage);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND', what = 'Not found') => new AppError(code, what);
export const forbidden = (msg = 'You are not allowed to do this') => new AppError('FORBIDDEN', msg);
export const conflict = (code: ErrorCode, msg: string, details?: unknown) => new AppError(code, msg, details);
