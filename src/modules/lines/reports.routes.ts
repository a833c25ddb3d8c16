import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor } from '../../http/auth.js';
import { ticketSummaryView } from '../tickets/index.js';
import { MAX_REPORT_DAYS, lineReport, lineReportCsv } from './line-metrics.js';
import { listQueueView, queueCounts, queueViews } from './queue-views.js';

const rate = z.number().nullable().describe('a fraction between 0 and 1; null when the base is zero');
const scope = z.enum(['all', 'line', 'team']).describe('all = every line together; line = one line, all its teams; team = one team');

const lineReportView = z.object({
  from: z.date(),
  to: z.date(),
  lineCode: z.string().nullable(),
  generatedAt: z.date(),
  flow: z
    .array(
      z.object({
        scope,
        line: z.string().nullable(),
        team: z.string().nullable(),
        exits: z.number().int().describe('stints at the line that ended in the period: escalations + returns + resolutions'),
        escalations: z.number().int(),
        escalationRate: rate.describe('escalations / exits'),
        returns: z.number().int().describe('returns (de-escalations) made from this line'),
        resolved: z.number().int().describe('requests resolved in the period while at this line'),
        firstLineResolved: z.number().int().describe('resolved at L1 without ever being escalated'),
        firstLineResolutionRate: rate.describe('firstLineResolved / resolved'),
        medianMsAtLine: z.number().nullable().describe('time from entering the line to leaving it or to resolution'),
        p90MsAtLine: z.number().nullable(),
      }),
    )
    .describe('overall, per line and per team'),
  escalationReasons: z.array(
    z.object({
      line: z.string().nullable().describe('the line escalated from'),
      reason: z.string().describe('escalation reason code'),
      escalations: z.number().int(),
      shareOfEscalations: rate.describe("of the line's escalations"),
      rate: rate.describe("of the line's exits"),
    }),
  ),
  backlogNow: z.array(z.object({ scope, line: z.string().nullable(), team: z.string().nullable(), open: z.number().int(), unassigned: z.number().int() })),
  backlogDaily: z
    .array(z.object({ date: z.date().describe('start of the day; days are 24 h steps from `from`'), line: z.string().nullable(), open: z.number().int() }))
    .describe('open requests per line at the end of each day (or now, for today), replayed from the history'),
});

const countsView = z.object({ open: z.number().int().describe('new, open, pending_customer, pending_vendor, on_hold'), unassigned: z.number().int() });

/** Line metrics for managers, and the queue counts and named views every agent works from. */
export async function lineReportsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/reports/lines',
    {
      schema: {
        tags: ['lines', 'reports'],
        summary: `Line metrics for [from, to), at most ${MAX_REPORT_DAYS} days (duty managers, admins); format=csv gives one table per section`,
        querystring: z.object({
          from: z.coerce.date().describe('ISO instant, inclusive'),
          to: z.coerce.date().describe('ISO instant, exclusive'),
          lineCode: z.string().trim().min(1).max(40).optional().describe('only this line, e.g. L1'),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: z.union([lineReportView, z.string().describe('CSV when format=csv')]) },
      },
    },
    async (req, reply) => {
      const report = await lineReport(ctx, requireActor(req), req.query);
      if (req.query.format === 'csv') {
        const day = (d: Date) => d.toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="line-report-${day(report.from)}-${day(report.to)}.csv"`)
          .serializer((p: unknown) => p as string)
          .send(lineReportCsv(report));
      }
      return report;
    },
  );

  r.get(
    '/queues',
    {
      schema: {
        tags: ['lines'],
        summary: "Live counts for the caller's lines and teams and for the named views (staff)",
        response: {
          200: z.object({
            lines: z.array(countsView.extend({ id: z.uuid(), code: z.string() })),
            teams: z.array(countsView.extend({ id: z.uuid(), code: z.string(), name: z.string(), lineCode: z.string() })),
            views: z.array(z.object({ view: z.enum(queueViews), count: z.number().int() })),
          }),
        },
      },
    },
    async (req) => queueCounts(ctx, requireActor(req)),
  );

  r.get(
    '/queues/:view',
    {
      schema: {
        tags: ['lines'],
        summary: 'A page of one named view, newest activity first (staff)',
        params: z.object({ view: z.enum(queueViews) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: { 200: z.object({ view: z.enum(queueViews), items: z.array(ticketSummaryView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listQueueView(ctx, requireActor(req), req.params.view, req.query),
  );
}
