import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { ticketKeyParams } from '../../http/request.js';
import { requireActor } from '../../http/auth.js';
import { explainTicketSla } from './explain.js';
import { ticketSlaView } from './views.js';
import { slaAdminRoutes } from './admin.routes.js';
import { slaReportRoutes } from './reports.routes.js';


/** Every endpoint of the SLA module: the per-request explanation, plan/calendar admin, reports. */
export async function slaRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tickets/:key/sla',
    {
      schema: {
        tags: ['sla'],
        summary: "The request's SLA clocks: targets, elapsed, paused, remaining, due, state and the timeline that explains them",
        params: ticketKeyParams,
        response: { 200: ticketSlaView },
      },
    },
    async (req) => explainTicketSla(ctx, requireActor(req), req.params.key),
  );
  await slaAdminRoutes(app, ctx);
  await slaReportRoutes(app, ctx);
}
