import { z } from 'zod';
import { ticketTypes } from '../tickets/schemas.js';

const metric = z.string().describe("first_response, next_response, resolution, vendor or ola:<line code>");
const calendarRef = z.enum(['24x7', 'business-hours']);

export const timelineEntryView = z.object({
  at: z.date(),
  kind: z.enum(['started', 'paused', 'resumed', 'stopped', 'cancelled', 'reopened', 'retargeted', 'recomputed', 'warned', 'breached', 'met']),
  note: z.string().describe('a sentence for a person'),
  by: z.string().nullable().describe('who caused it; customers see "support" for staff'),
  reason: z.string().nullable(),
  elapsedMs: z.number().describe('business time counted so far'),
  targetMs: z.number().nullable(),
  dueAt: z.date().nullable(),
  fraction: z.number().nullable().describe('for warnings: the fraction of the target'),
});

export const clockView = z.object({
  metric,
  cycle: z.number().int().describe('next_response, OLA and vendor clocks start a new cycle each time'),
  state: z.enum(['idle', 'running', 'paused', 'met', 'breached', 'stopped', 'cancelled']),
  counting: z.boolean().describe('business time is being counted now'),
  plan: z.string(),
  priority: z.string(),
  calendar: calendarRef,
  targetMs: z.number().nullable(),
  elapsedMs: z.number(),
  pausedMs: z.number().describe('business time excluded while paused'),
  remainingMs: z.number().nullable().describe('negative when overdue'),
  percent: z.number().nullable(),
  startedAt: z.date().nullable(),
  stoppedAt: z.date().nullable(),
  dueAt: z.date().nullable().describe('historical once reached, projected while running, null while paused'),
  breachedAt: z.date().nullable(),
  breachRecordedAt: z.date().nullable(),
  warnings: z.array(z.object({ fraction: z.number(), dueAt: z.date().nullable(), firedAt: z.date().nullable(), recordedAt: z.date().nullable() })),
  timeline: z.array(timelineEntryView),
});

export const ticketSlaView = z.object({
  key: z.string(),
  plan: z.string().describe('support plan code the targets come from'),
  timeZone: z.string().describe("the organisation's zone; business hours are counted in it"),
  requestType: z.enum(ticketTypes).describe('plans may set targets per request type'),
  evaluatedAt: z.date(),
  noSla: z
    .object({
      reason: z.literal('beta_service'),
      message: z.string().describe('"no SLA: beta service"'),
      catalogueItem: z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameRu: z.string() }).describe('the flagged item (the service or a group above it)'),
    })
    .nullable()
    .describe('set when the request runs no customer SLA clock because its service is offered without SLA'),
  clocks: z.array(clockView),
});

const minutes = z.number().positive().max(525_600).describe('minutes, at most a year');
const minutesByPriority = z
  .object({ any: minutes, critical: minutes, high: minutes, medium: minutes, low: minutes })
  .partial()
  .strict();

const metricTargets = z.object({ first_response: minutesByPriority, next_response: minutesByPriority, resolution: minutesByPriority }).partial().strict();

export const planInput = z
  .object({
    name: z.string().max(200).optional(),
    extends: z.string().max(40).nullable().optional().describe('plan code this plan overlays'),
    calendar: calendarRef.nullable().optional(),
    calendarByPriority: z.object({ critical: calendarRef, high: calendarRef, medium: calendarRef, low: calendarRef }).partial().strict().optional(),
    targets: metricTargets.optional().describe('minutes per priority (or any)'),
    typeTargets: z
      .partialRecord(z.enum(ticketTypes), metricTargets)
      .optional()
      .describe('overrides per request type, e.g. {"billing": {"resolution": {"any": 2880}}}; replaces all of the plan\'s type overrides'),
    attainmentGoal: z.number().gt(0).max(1).nullable().optional(),
    calendarId: z.uuid().nullable().optional().describe('business calendar of the plan'),
  })
  .strict();

export const planView = z.object({
  code: z.string(),
  name: z.string(),
  extends: z.string().nullable(),
  calendar: calendarRef.nullable(),
  calendarByPriority: z.record(z.string(), calendarRef),
  targets: z.record(z.string(), z.record(z.string(), z.number())),
  typeTargets: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))).describe('overrides per request type'),
  warnAt: z.array(z.number()).describe('warning points (fractions of a target), the same for every plan'),
  attainmentGoal: z.number().nullable(),
  calendarId: z.string().nullable(),
  escalation: z.array(z.unknown()),
});

const timeRange = z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) });
const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
export const calendarInput = z
  .object({
    name: z.string().min(1).max(200),
    organizationId: z.uuid().nullable().optional().describe("an organisation's own calendar; absent = a shared calendar for plans"),
    week: z.partialRecord(weekday, z.array(timeRange).max(6)),
    overrides: z.array(z.object({ date: z.iso.date(), hours: z.array(timeRange).max(6), note: z.string().max(200).optional() })).max(400).default([]),
  })
  .strict();

export const calendarView = z.object({
  id: z.uuid(),
  name: z.string(),
  organizationId: z.uuid().nullable(),
  isDefault: z.boolean(),
  week: z.record(z.string(), z.array(timeRange)),
  overrides: z.array(z.object({ date: z.string(), hours: z.array(timeRange), note: z.string().optional() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
});

export const holidayInput = z.object({
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string().max(200).default('') })).min(1).max(1000),
});

export const warnAtInput = z.object({
  warnAt: z
    .array(z.number().gt(0).lt(1))
    .max(5)
    .refine((a) => new Set(a).size === a.length, 'each warning point once')
    .describe('fractions of each target at which warnings are due, e.g. [0.5, 0.75, 0.9]; empty = breach only'),
});

export const exemptServiceView = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.string(),
  parentId: z.uuid().nullable(),
  nameEn: z.string(),
  nameRu: z.string(),
  slaExempt: z.boolean().describe('offered without SLA (e.g. a beta): requests for it, or for anything below it, run no customer SLA clock'),
});
