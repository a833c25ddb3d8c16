import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';

/** Path parameters of every route under /api/tickets/{key}. */
export const ticketKeyParams = z.object({ key: z.string().max(40).describe('request key, e.g. SUP-1001') });

/** `If-Match: "7"` or `W/"7"` → 7; absent → undefined; anything else → 400 naming the header. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (!h) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(h.trim());
  if (!m?.[1]) throw new AppError('VALIDATION_FAILED', 'If-Match must be the quoted version, e.g. "3"', [{ field: 'headers.if-match', message: 'invalid' }]);
  return Number(m[1]);
}
