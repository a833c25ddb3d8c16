import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor } from '../../http/auth.js';
import { reportCsv, slaReport } from './sla-report.js';

const stats = z
  .object({
    total: z.number().int(),
    met: z.number().int(),
    breached: z.number().int(),
    open: z.number().int().describe('still running within target'),
    cancelled: z.number().int().describe('cancelled before a breach (moved to a service without SLA): neither met nor breached'),
    percentMet: z.number().nullable().describe('met / (met + breached), in %'),
    medianMs: z.number().nullable().describe('business time to stop, of stopped clocks'),
    p95Ms: z.number().nullable(),
  })
  .nullable();

const reportView = z.object({
  from: z.date(),
  to: z.date(),
  groupBy: z.enum(['plan', 'priority', 'line', 'team']),
  groups: z.array(z.object({ group: z.string(), firstResponse: stats, resolution: stats })),
  breaches: z.array(z.object({ key: z.string(), metric: z.string(), dueAt: z.date(), recordedAt: z.date(), reason: z.string().describe('the request state at the breach') })),
});

export async function slaReportRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/reports/sla',
    {
      schema: {
        tags: ['sla', 'reports'],
        summary: 'SLA compliance of requests registered in [from, to) (duty managers, admins); format=csv for a spreadsheet',
        querystring: z.object({
          from: z.coerce.date().describe('ISO instant, inclusive'),
          to: z.coerce.date().describe('ISO instant, exclusive'),
          groupBy: z.enum(['plan', 'priority', 'line', 'team']).default('plan'),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: z.union([reportView, z.string().describe('CSV when format=csv')]) },
      },
    },
    async (req, reply) => {
      const report = await slaReport(ctx, requireActor(req), req.query);
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="sla-report.csv"')
          .serializer((p: unknown) => p as string)
          .send(reportCsv(report));
      }
      return report;
    },
  );
}
