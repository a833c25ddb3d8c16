import crypto from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode } from '../shared/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId: string;
}

export function sendError(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) }, requestId: String(req.id) };
  return reply.status(errorStatus[code]).type('application/json; charset=utf-8').send(body);
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (e.g. raw non-ASCII bytes in the URL, a
 * broken header line): answered with the same error body as every other error, then the connection closes.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive']
        : [400, 'Bad Request', 'Malformed HTTP request (a URL must be percent-encoded UTF-8)'];
  const body = JSON.stringify({ error: { code: 'MALFORMED_BODY', message }, requestId: crypto.randomUUID() } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_BODY', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['MALFORMED_BODY', 'The request body is empty but the content type is JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type; send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['MALFORMED_BODY', 'Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: ['MALFORMED_BODY', 'Malformed Content-Type header'],
  FST_ERR_INVALID_URL: ['MALFORMED_BODY', 'Malformed URL'],
  FST_ERR_BAD_URL: ['MALFORMED_BODY', 'Malformed URL'],
};

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'app error');
    return sendError(reply, req, err.code, err.userMessage, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message,
    }));
    return sendError(reply, req, 'VALIDATION_FAILED', 'The request is invalid; see details', details);
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, cause: err.cause }, 'response did not match its schema');
    return sendError(reply, req, 'INTERNAL', 'Internal error');
  }
  const fe = err as FastifyError;
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return sendError(reply, req, mapped[0], mapped[1]);
  if (err instanceof SyntaxError) return sendError(reply, req, 'MALFORMED_BODY', 'The request body is not valid JSON');
  if (fe.statusCode === 413) return sendError(reply, req, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (fe.statusCode === 415) return sendError(reply, req, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type');
  if (fe.statusCode === 429) return sendError(reply, req, 'RATE_LIMITED', 'Too many requests');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, req, 'VALIDATION_FAILED', 'The request is invalid');
  }
  // SQLSTATE class 22 (data exception: a NUL character, a date or number out of the column's range,
  // malformed uuid text) comes from a value the client sent that no schema caught: bad input, not a crash.
  const sqlState = (err as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    req.log.warn({ err }, 'input rejected by the database');
    return sendError(reply, req, 'VALIDATION_FAILED', 'The request contains a value the server cannot store or compare');
  }
  req.log.error({ err }, 'unexpected error');
  return sendError(reply, req, 'INTERNAL', 'Internal error; quote the request id to support');
}
