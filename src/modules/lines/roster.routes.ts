import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor } from '../../http/auth.js';
import { createShift } from './create-shift.js';
import { getRoster } from './get-roster.js';
import { handoverShift } from './handover-shift.js';

const shiftView = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  userId: z.uuid(),
  startsAt: z.date(),
  endsAt: z.date(),
  handedOverAt: z.date().nullable(),
  handoverToId: z.uuid().nullable(),
  handoverNotes: z.string(),
});
type ShiftRow = { id: string; team_id: string; user_id: string; starts_at: Date; ends_at: Date; handed_over_at: Date | null; handover_to_id: string | null; handover_notes: string };
const present = (s: ShiftRow) => ({
  id: s.id,
  teamId: s.team_id,
  userId: s.user_id,
  startsAt: s.starts_at,
  endsAt: s.ends_at,
  handedOverAt: s.handed_over_at,
  handoverToId: s.handover_to_id,
  handoverNotes: s.handover_notes,
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

/** Duty roster: shifts, who is on shift, hand-over between shifts. */
export async function rosterRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roster'];

  r.post(
    '/lines/shifts',
    {
      schema: {
        tags,
        summary: "Add a shift (duty manager/admin): instants, or a desk-local date with HH:MM from/to (to ≤ from ends the next day)",
        body: z.union([
          z.object({ teamId: z.uuid(), userId: z.uuid(), startsAt: z.coerce.date(), endsAt: z.coerce.date() }),
          z.object({ teamId: z.uuid(), userId: z.uuid(), date: z.iso.date().describe('YYYY-MM-DD in the desk time zone'), from: hhmm, to: hhmm }),
        ]),
        response: { 201: shiftView },
      },
    },
    async (req, reply) => reply.status(201).send(present(await createShift(ctx, requireActor(req), req.body))),
  );

  r.get(
    '/lines/roster',
    {
      schema: {
        tags,
        summary: 'Who is on shift at an instant (default now), by line and team (staff)',
        querystring: z.object({ at: z.coerce.date().optional() }),
        response: {
          200: z.object({
            at: z.date(),
            deskTimeZone: z.string(),
            localTime: z.string(),
            onShift: z.array(
              z.object({
                shiftId: z.uuid(),
                line: z.string(),
                team: z.object({ id: z.uuid(), code: z.string() }),
                agent: z.object({ id: z.uuid(), name: z.string() }),
                startsAt: z.date(),
                endsAt: z.date(),
                startsLocal: z.string(),
                endsLocal: z.string(),
                handedOver: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => getRoster(ctx, requireActor(req), req.query.at),
  );

  r.post(
    '/shifts/:id/handover',
    {
      schema: {
        tags,
        summary: "Hand over a shift with notes (the agent or a duty manager); toUserId passes the agent's open requests in the team to a colleague",
        params: z.object({ id: z.uuid() }),
        body: z.object({ notes: z.string().trim().min(1).max(20_000), toUserId: z.uuid().optional() }),
        response: { 200: z.object({ shift: shiftView, moved: z.number().int().describe('requests passed to toUserId') }) },
      },
    },
    async (req) => {
      const res = await handoverShift(ctx, requireActor(req), req.params.id, req.body);
      return { shift: present(res.shift), moved: res.moved };
    },
  );
}
