import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireAdmin, requireStaff } from '../../http/auth.js';
import { escalationChain } from './escalation.js';
import { listInternalTargets, listPlans, saveEscalation, saveInternalTargets, savePlan, saveWarnAt } from './manage-plans.js';
import { listServices, setServiceExempt } from './manage-services.js';
import { addHolidays, importHolidays, listCalendars, removeHoliday, saveCalendar } from './manage-calendars.js';
import { calendarInput, calendarView, exemptServiceView, holidayInput, planInput, planView, warnAtInput } from './views.js';
import { AppError } from '../../shared/errors.js';

const tags = ['sla'];
const codeParams = z.object({ code: z.string().regex(/^[a-z0-9_-]{1,40}$/).describe('support plan code, e.g. business') });
const idParams = z.object({ id: z.uuid() });
const internalTarget = z.object({
  code: z.string().min(1).max(40).describe("a line code (L2: act within N minutes of an escalation) or 'vendor'"),
  targetMinutes: z.number().int().positive().max(525_600),
  calendar: z.enum(['24x7', 'business-hours']).default('24x7'),
});

/** Plan targets, escalation chains, internal targets and calendars: staff read, administrators change. */
export async function slaAdminRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/sla/plans', { schema: { tags, summary: 'SLA of every support plan', response: { 200: z.object({ items: z.array(planView) }) } } }, async (req) => {
    requireStaff(req);
    return { items: await listPlans(ctx.db) };
  });

  r.put(
    '/sla/plans/:code',
    { schema: { tags, summary: "Create or change a plan's targets and calendars (admin); the plans are validated as a whole", params: codeParams, body: planInput, response: { 200: planView } } },
    async (req) => {
      const plan = await savePlan(ctx, requireAdmin(req), req.params.code, req.body);
      if (!plan) throw new AppError('SLA_PLAN_NOT_FOUND', 'Plan not found');
      return plan;
    },
  );

  r.put(
    '/sla/plans/:code/escalation',
    {
      schema: {
        tags,
        summary: "The plan's escalation chain (admin): steps run at warning points and on breach",
        params: codeParams,
        body: z.object({ steps: escalationChain }),
        response: { 200: z.object({ steps: escalationChain }) },
      },
    },
    async (req) => ({ steps: await saveEscalation(ctx, requireAdmin(req), req.params.code, req.body.steps) }),
  );

  r.put(
    '/sla/warning-points',
    { schema: { tags, summary: 'Warning points of every SLA clock, as fractions of the target (admin)', body: warnAtInput, response: { 200: warnAtInput } } },
    async (req) => ({ warnAt: await saveWarnAt(ctx, requireAdmin(req), req.body.warnAt) }),
  );

  r.get('/sla/services', { schema: { tags, summary: 'Catalogue items and whether each is offered without SLA (beta)', response: { 200: z.object({ items: z.array(exemptServiceView) }) } } }, async (req) => {
    requireStaff(req);
    return { items: await listServices(ctx.db) };
  });

  r.put(
    '/sla/services/:id',
    {
      schema: {
        tags,
        summary: 'Offer a service (or a group and everything below it) without SLA, or with it again (admin); applies to requests registered from now on',
        params: idParams,
        body: z.object({ slaExempt: z.boolean() }).strict(),
        response: { 200: exemptServiceView },
      },
    },
    async (req) => {
      const item = await setServiceExempt(ctx, requireAdmin(req), req.params.id, req.body.slaExempt);
      if (!item) throw new AppError('NOT_FOUND', 'No such catalogue item');
      return item;
    },
  );

  r.get('/sla/internal-targets', { schema: { tags, summary: 'OLA targets per line and the vendor target', response: { 200: z.object({ items: z.array(internalTarget) }) } } }, async (req) => {
    requireStaff(req);
    return { items: await listInternalTargets(ctx.db) };
  });

  r.put(
    '/sla/internal-targets',
    { schema: { tags, summary: 'Replace the OLA and vendor targets (admin)', body: z.object({ targets: z.array(internalTarget).max(50) }), response: { 200: z.object({ items: z.array(internalTarget) }) } } },
    async (req) => ({ items: await saveInternalTargets(ctx, requireAdmin(req), req.body.targets) }),
  );

  r.get('/sla/calendars', { schema: { tags, summary: 'Business calendars with their holidays', response: { 200: z.object({ items: z.array(calendarView) }) } } }, async (req) => {
    requireStaff(req);
    return { items: await listCalendars(ctx.db) };
  });

  r.post('/sla/calendars', { schema: { tags, summary: 'Create a business calendar (admin)', body: calendarInput, response: { 201: calendarView } } }, async (req, reply) => {
    const cal = await saveCalendar(ctx, requireAdmin(req), null, req.body);
    if (!cal) throw new AppError('SLA_CALENDAR_NOT_FOUND', 'Calendar not found');
    return reply.status(201).send(cal);
  });

  r.put('/sla/calendars/:id', { schema: { tags, summary: 'Change a business calendar (admin); running clocks are recomputed', params: idParams, body: calendarInput, response: { 200: calendarView } } }, async (req) => {
    const cal = await saveCalendar(ctx, requireAdmin(req), req.params.id, req.body);
    if (!cal) throw new AppError('SLA_CALENDAR_NOT_FOUND', 'Calendar not found');
    return cal;
  });

  r.post('/sla/calendars/:id/holidays', { schema: { tags, summary: 'Add or rename holidays (admin)', params: idParams, body: holidayInput, response: { 200: calendarView } } }, async (req) => {
    const cal = await addHolidays(ctx, requireAdmin(req), req.params.id, req.body.holidays);
    if (!cal) throw new AppError('SLA_CALENDAR_NOT_FOUND', 'Calendar not found');
    return cal;
  });

  r.delete(
    '/sla/calendars/:id/holidays/:date',
    { schema: { tags, summary: 'Remove a holiday (admin)', params: idParams.extend({ date: z.iso.date() }), response: { 204: z.null() } } },
    async (req, reply) => {
      await removeHoliday(ctx, requireAdmin(req), req.params.id, req.params.date);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/sla/calendars/:id/holidays/import',
    {
      schema: {
        tags,
        summary: 'Import whole-day holidays from iCalendar (RFC 5545) text (admin); reports what was skipped and why',
        params: idParams,
        body: z.object({
          ics: z.string().min(1).max(900_000).describe('the .ics file content'),
          fromYear: z.number().int().min(1970).max(2200).optional(),
          toYear: z.number().int().min(1970).max(2200).optional(),
        }),
        response: {
          200: z.object({
            imported: z.number().int(),
            skipped: z.array(z.object({ uid: z.string().optional(), summary: z.string().optional(), reason: z.string() })),
            notes: z.array(z.string()),
            calendar: calendarView,
          }),
        },
      },
    },
    async (req) => {
      const res = await importHolidays(ctx, requireAdmin(req), req.params.id, req.body);
      if (!res.calendar) throw new AppError('SLA_CALENDAR_NOT_FOUND', 'Calendar not found');
      return { ...res, calendar: res.calendar };
    },
  );
}
