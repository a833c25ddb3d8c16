import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { SESSION_COOKIE, requireActor } from '../../http/auth.js';
import { unauthenticated } from './errors.js';
import { login, logout } from './login.js';
import { presentMe } from './presenter.js';
import { loadActor } from './actor.js';
import { createApiToken, listApiTokens, revokeApiToken, tokenScopes } from './api-tokens.js';

const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['customer', 'staff', 'vendor', 'integration']),
  locale: z.enum(['ru', 'en']),
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  orgRole: z.enum(['member', 'admin']).nullable(),
  staffRole: z.enum(['agent', 'duty_manager', 'admin']).nullable(),
  vendorId: z.uuid().nullable(),
  lines: z.array(z.object({ id: z.uuid(), code: z.string() })),
  teams: z.array(z.object({ id: z.uuid(), code: z.string(), lineId: z.uuid(), name: z.string() })),
});
const meResponse = z.object({ user: me, csrfToken: z.string().nullable().describe('send as x-csrf-token on every state-changing request made with the session cookie') });

const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export async function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets an httpOnly session cookie',
        security: [],
        body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: meResponse },
      },
    },
    async (req, reply) => {
      const res = await login(ctx, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, res.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: res.expiresAt,
      });
      const actor = await loadActor(ctx.db, res.userId, 'session', null);
      if (!actor) throw unauthenticated();
      return { user: await presentMe(ctx.db, actor), csrfToken: res.csrfToken };
    },
  );

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: meResponse } } }, async (req) => {
    const actor = requireActor(req);
    return { user: await presentMe(ctx.db, actor), csrfToken: req.csrfToken };
  });

  r.get('/auth/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(tokenView) }) } } }, async (req) => {
    const actor = requireActor(req);
    return { items: await listApiTokens(ctx, actor) };
  });

  r.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Issue a personal API token (Bearer); the secret is returned once',
        body: z.object({
          name: z.string().min(1).max(100),
          scopes: z.array(z.enum(tokenScopes)).min(1),
          expiresAt: z.coerce.date().optional(),
          userId: z.uuid().optional().describe('admin only: issue for an integration user'),
        }),
        response: { 201: z.object({ token: z.string(), item: tokenView }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { token, view } = await createApiToken(ctx, actor, req.body);
      return reply.status(201).send({ token, item: view });
    },
  );

  r.delete(
    '/auth/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke a token', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      const actor = requireActor(req);
      await revokeApiToken(ctx, actor, req.params.id);
      return reply.status(204).send();
    },
  );
}
