import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { sql } from 'kysely';
import type { AppContext } from '../shared/context.js';
import { clientErrorHandler, errorHandler, sendError } from './errors.js';
import { registerAuth } from './auth.js';
import { registerMetrics } from './metrics.js';
import { pendingMigrations } from '../db/migrate.js';
import { identityRoutes } from '../modules/identity/identity.routes.js';
import { ticketRoutes } from '../modules/tickets/tickets.routes.js';
import { directoryRoutes } from '../modules/directory/directory.routes.js';
import { searchRoutes } from '../modules/search/search.routes.js';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes.js';
import { attachmentRoutes } from '../modules/tickets/attachments.routes.js';
import { linesRoutes } from '../modules/lines/lines.routes.js';
import { accountRoutes } from '../modules/accounts/accounts.routes.js';
import { slaRoutes } from '../modules/sla/sla.routes.js';
// routes-import: catalogue
import { catalogueRoutes } from '../modules/catalogue/index.js';
// routes-import: knowledge
import { knowledgeRoutes } from '../modules/knowledge/index.js';
import { macroRoutes } from '../modules/macros/index.js';
// routes-import: email
import { emailRoutes } from '../modules/intake/email/email.routes.js';
// routes-import: classifier
import { classifierRoutes } from '../modules/classification/classifier.routes.js';
// routes-import: similarity
import { similarityRoutes } from '../modules/similarity/index.js';

export const VERSION = '0.1.0';

export interface BuildAppOptions {
  ctx: AppContext;
  pool: pg.Pool;
  /** Where the built SPA lives; served when present. */
  webDist?: string;
  logger?: boolean;
}

export type App = FastifyInstance;

const requestIdPattern = /^[A-Za-z0-9._-]{8,80}$/;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { ctx } = opts;
  const app = Fastify({
    logger: opts.logger === false || ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    // Shutdown must not wait for keep-alive clients: jobs and the database close right after.
    forceCloseConnections: true,
    // A URL the router cannot decode (e.g. `/api/tickets/%`) fails before any route: give it our error body too.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
    clientErrorHandler,
    // Only named proxies may set the client address: the login rate limit is per address.
    trustProxy: ctx.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', String(req.id));
    return payload;
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'tierdesk API',
        version: VERSION,
        description: 'Support desk for cloud providers: requests, support lines, SLA. Errors are `{ error: { code, message, details }, requestId }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'td_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, ctx);
  registerMetrics(app, { pool: opts.pool, db: ctx.db });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.db);
      const pending = await pendingMigrations(ctx.db as never);
      if (pending.length > 0) return sendError(reply, req, 'UNAVAILABLE', 'Migrations pending', { pending });
      return { status: 'ready' };
    } catch {
      return sendError(reply, req, 'UNAVAILABLE', 'Database unreachable');
    }
  });
  app.get('/api/meta', { schema: { hide: true } }, async () => ({
    version: VERSION,
    demo: ctx.config.demo,
    ...(ctx.config.demo ? { demoAccounts } : {}),
  }));

  await app.register(async (api) => {
    await identityRoutes(api, ctx);
    await ticketRoutes(api, ctx);
    await attachmentRoutes(api, ctx);
    await directoryRoutes(api, ctx);
    await searchRoutes(api, ctx);
    await webhookRoutes(api, ctx);
    await linesRoutes(api, ctx);
    await accountRoutes(api, ctx);
    await slaRoutes(api, ctx);
    // routes: catalogue
    await catalogueRoutes(api, ctx);
    // routes: knowledge
    await knowledgeRoutes(api, ctx);
    await macroRoutes(api, ctx);
    // routes: email
    await emailRoutes(api, ctx);
    // routes: classifier
    await classifierRoutes(api, ctx);
    // routes: similarity
    await similarityRoutes(api, ctx);
  }, { prefix: '/api' });

  const webDist = opts.webDist;
  const indexHtml = webDist && fs.existsSync(path.join(webDist, 'index.html')) ? path.join(webDist, 'index.html') : undefined;
  if (webDist && indexHtml) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, serve: true, prefix: '/' });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !indexHtml) {
      return sendError(reply, req, 'NOT_FOUND', 'No such endpoint');
    }
    return reply.type('text/html; charset=utf-8').send(fs.createReadStream(indexHtml));
  });

  return app;
}

export const demoAccounts = [
  { email: 'customer@acme.example', role: 'customer', description: 'ACME Cloud Shop, organisation admin' },
  { email: 'member@acme.example', role: 'customer', description: 'ACME Cloud Shop, member' },
  { email: 'ops@globex.example', role: 'customer', description: 'Globex Analytics, organisation admin' },
  { email: 'l1@tierdesk.example', role: 'agent', description: 'L1 duty engineer' },
  { email: 'l2@tierdesk.example', role: 'agent', description: 'L2 Compute engineer' },
  { email: 'l3@tierdesk.example', role: 'agent', description: 'L3 Platform operations' },
  { email: 'security@tierdesk.example', role: 'agent', description: 'L3 Security' },
  { email: 'l4@tierdesk.example', role: 'agent', description: 'L4 Compute product team' },
  { email: 'manager@tierdesk.example', role: 'duty_manager', description: 'Duty manager' },
  { email: 'admin@tierdesk.example', role: 'admin', description: 'Administrator' },
  { email: 'vendor@bitnami.example', role: 'vendor', description: 'Marketplace vendor' },
];
