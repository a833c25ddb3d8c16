/** Admin use cases for business calendars and their holidays (also imported from iCalendar). */
import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { calendarProblems, type TimeRange, type Weekday } from './calendar.js';
import { parseICalHolidays } from './ical.js';
import { refreshBusinessClocks } from './manage-plans.js';
import type { calendarInput } from './views.js';

const calendarNotFound = () => new AppError('SLA_CALENDAR_NOT_FOUND', 'Calendar not found');

export async function listCalendars(exec: Executor, filter: { id?: string } = {}) {
  let q = exec.selectFrom('sla_calendars').selectAll().orderBy('is_default', 'desc').orderBy('name');
  if (filter.id) q = q.where('id', '=', filter.id);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const holidays = ids.length ? await exec.selectFrom('sla_holidays').selectAll().where('calendar_id', 'in', ids).orderBy('date').execute() : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organizationId: r.organization_id,
    isDefault: r.is_default,
    week: r.week,
    overrides: r.overrides,
    holidays: holidays.filter((h) => h.calendar_id === r.id).map((h) => ({ date: h.date, name: h.name })),
  }));
}

function assertUsable(input: Pick<z.infer<typeof calendarInput>, 'week' | 'overrides'>) {
  // The zone is the organisation's; any valid zone checks the hours themselves.
  const problems = calendarProblems({ kind: 'business-hours', timeZone: 'UTC', week: input.week as Partial<Record<Weekday, TimeRange[]>>, overrides: input.overrides });
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', 'The calendar is not usable; see details', problems.map((p) => ({ field: 'body', message: p })));
  }
}

export async function saveCalendar(ctx: AppContext, actor: Actor, id: string | null, input: z.infer<typeof calendarInput>) {
  assertUsable(input);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.organizationId) {
      const org = await trx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
      if (!org) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'body.organizationId', message: 'no such organisation' }]);
      const taken = await trx.selectFrom('sla_calendars').select('id').where('organization_id', '=', input.organizationId).executeTakeFirst();
      if (taken && taken.id !== id) throw new AppError('SLA_POLICY_CONFLICT', 'The organisation has a calendar already; change that one', { calendarId: taken.id });
    }
    const values = {
      name: input.name,
      organization_id: input.organizationId ?? null,
      week: JSON.stringify(input.week),
      overrides: JSON.stringify(input.overrides),
      updated_at: ctx.clock.now(),
    };
    let calendarId: string;
    if (id) {
      const row = await trx.updateTable('sla_calendars').set(values).where('id', '=', id).returning('id').executeTakeFirst();
      if (!row) throw calendarNotFound();
      calendarId = row.id;
    } else {
      calendarId = (await trx.insertInto('sla_calendars').values(values).returning('id').executeTakeFirstOrThrow()).id;
    }
    await recordEvent(trx, ctx.jobs, { type: 'sla.calendar_updated', actorId: actor.userId, visibility: 'internal', data: { calendarId, name: input.name } });
    if (id) await refreshBusinessClocks(trx, ctx.jobs, input.organizationId ?? null, ctx.clock.now());
    return (await listCalendars(trx, { id: calendarId }))[0];
  });
}

async function affected(exec: Executor, calendarId: string): Promise<{ organizationId: string | null }> {
  const cal = await exec.selectFrom('sla_calendars').select(['id', 'organization_id']).where('id', '=', calendarId).forUpdate().executeTakeFirst();
  if (!cal) throw calendarNotFound();
  return { organizationId: cal.organization_id };
}

export async function addHolidays(ctx: AppContext, actor: Actor, calendarId: string, holidays: Array<{ date: string; name: string }>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { organizationId } = await affected(trx, calendarId);
    await trx
      .insertInto('sla_holidays')
      .values(holidays.map((h) => ({ calendar_id: calendarId, date: h.date, name: h.name })))
      .onConflict((oc) => oc.columns(['calendar_id', 'date']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
    await recordEvent(trx, ctx.jobs, { type: 'sla.calendar_updated', actorId: actor.userId, visibility: 'internal', data: { calendarId, holidaysAdded: holidays.length } });
    await refreshBusinessClocks(trx, ctx.jobs, organizationId, ctx.clock.now());
    return (await listCalendars(trx, { id: calendarId }))[0];
  });
}

export async function removeHoliday(ctx: AppContext, actor: Actor, calendarId: string, date: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { organizationId } = await affected(trx, calendarId);
    const res = await trx.deleteFrom('sla_holidays').where('calendar_id', '=', calendarId).where('date', '=', date).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'No such holiday in this calendar');
    await recordEvent(trx, ctx.jobs, { type: 'sla.calendar_updated', actorId: actor.userId, visibility: 'internal', data: { calendarId, holidayRemoved: date } });
    await refreshBusinessClocks(trx, ctx.jobs, organizationId, ctx.clock.now());
  });
}

/** Imports whole-day events as holidays; what could not be read is reported, never guessed. */
export async function importHolidays(ctx: AppContext, actor: Actor, calendarId: string, input: { ics: string; fromYear?: number | undefined; toYear?: number | undefined }) {
  const parsed = parseICalHolidays(input.ics, { ...(input.fromYear !== undefined ? { fromYear: input.fromYear } : {}), ...(input.toYear !== undefined ? { toYear: input.toYear } : {}) });
  if (parsed.holidays.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'No whole-day holidays found in the iCalendar text', { skipped: parsed.skipped, notes: parsed.notes });
  }
  const calendar = await addHolidays(ctx, actor, calendarId, parsed.holidays.map((h) => ({ date: h.date, name: h.name ?? '' })));
  return { imported: parsed.holidays.length, skipped: parsed.skipped, notes: parsed.notes, calendar };
}
