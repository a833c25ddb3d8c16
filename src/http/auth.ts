import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../shared/context.js';
import type { Actor } from '../modules/identity/actor.js';
import { authenticateSession, authenticateToken } from '../modules/identity/authenticate.js';
import { csrfFailed, unauthenticated } from '../modules/identity/errors.js';
import { AppError } from '../shared/errors.js';

export const SESSION_COOKIE = 'td_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the actor for /api requests; routes then ask for what they need with requireActor. */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m?.[1]) throw unauthenticated();
      req.actor = await authenticateToken(ctx, m[1]);
      if (!req.actor) throw unauthenticated();
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const auth = await authenticateSession(ctx, cookie);
    if (!auth) return;
    // Cookies ride along on cross-site requests; a state change must prove it came from our page.
    if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfToken) throw csrfFailed();
    req.actor = auth.actor;
    req.csrfToken = auth.csrfToken;
  });
}

/** The actor, or 401. A token must carry the scope the method needs: read for GET, write otherwise. */
export function requireActor(req: FastifyRequest, opts: { scope?: 'read' | 'write' | 'admin' } = {}): Actor {
  const actor = req.actor;
  if (!actor) throw unauthenticated();
  if (actor.scopes) {
    const needed = opts.scope ?? (SAFE.has(req.method) ? 'read' : 'write');
    const ok = actor.scopes.includes(needed) || (needed === 'read' && actor.scopes.includes('write'));
    if (!ok) throw new AppError('FORBIDDEN', `This token lacks the '${needed}' scope`);
  }
  return actor;
}

export function requireStaff(req: FastifyRequest, opts: { scope?: 'read' | 'write' | 'admin' } = {}): Actor {
  const actor = requireActor(req, opts);
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
  return actor;
}

export function requireAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req, { scope: 'admin' });
  if (actor.staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may do this');
  return actor;
}
