import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { escalationRoutes } from './escalation.routes.js';
import { routingRoutes } from './routing.routes.js';
import { rosterRoutes } from './roster.routes.js';
import { adminRoutes } from './admin.routes.js';
import { lineReportsRoutes } from './reports.routes.js';

/** Every endpoint of the lines module: escalation and assignment, roster, routing rules, admin, reports. */
export async function linesRoutes(app: FastifyInstance, ctx: AppContext) {
  await escalationRoutes(app, ctx);
  await routingRoutes(app, ctx);
  await rosterRoutes(app, ctx);
  await adminRoutes(app, ctx);
  await lineReportsRoutes(app, ctx);
}
