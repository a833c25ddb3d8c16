import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ifMatchVersion } from '../../http/request.js';
import { requireActor, requireAdmin, requireStaff } from '../../http/auth.js';
import { presentTicket, ticketView } from '../tickets/index.js';
import { findSimilar } from './find-similar.js';
import { linkTickets, listLinks, unlinkTickets } from './links.js';
import { markDuplicate } from './mark-duplicate.js';
import { decideMassOutage, getMassOutage, listMassOutages } from './mass-outages.js';
import { loadSettings, saveSettings, similaritySettingsSchema } from './settings.js';
import {
  decisionInput,
  duplicateInput,
  keyParams,
  linkInput,
  linkView,
  listMassOutagesQuery,
  massOutageDetailView,
  massOutageView,
  similarView,
} from './schemas.js';
import './register.js';

/** Similar requests, links between requests, duplicate-and-close, mass-outage candidates. */
export async function similarityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['similarity'];

  r.get(
    '/tickets/:key/similar',
    {
      schema: {
        tags,
        summary: 'Similar requests with score and reasons, likely duplicates first among the same organisation (staff only; never a request the viewer may not read)',
        params: keyParams,
        response: { 200: similarView },
      },
    },
    async (req) => findSimilar(ctx, requireStaff(req), req.params.key),
  );

  r.get(
    '/tickets/:key/links',
    {
      schema: {
        tags,
        summary: 'Links of the request; customers see links within their own organisation only',
        params: keyParams,
        response: { 200: z.object({ items: z.array(linkView) }) },
      },
    },
    async (req) => listLinks(ctx, requireActor(req), req.params.key),
  );

  r.post(
    '/tickets/:key/links',
    {
      schema: {
        tags,
        summary: 'Link to another request (staff): duplicate_of (same organisation) or related. 409 when the two are already linked',
        params: keyParams,
        body: linkInput,
        response: { 201: linkView },
      },
    },
    async (req, reply) => reply.status(201).send(await linkTickets(ctx, requireStaff(req), req.params.key, req.body)),
  );

  r.delete(
    '/tickets/:key/links/:targetKey',
    {
      schema: {
        tags,
        summary: 'Remove the link between two requests (staff)',
        params: keyParams.extend({ targetKey: z.string().max(40) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await unlinkTickets(ctx, requireStaff(req), req.params.key, req.params.targetKey);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/tickets/:key/mark-duplicate',
    {
      schema: {
        tags,
        summary:
          'Mark as a duplicate of a request of the same organisation and resolve it with a public note naming the original (staff). Messages stay; history on both requests. Optional If-Match',
        params: keyParams,
        body: duplicateInput,
        response: { 200: ticketView },
      },
    },
    async (req) => {
      const actor = requireStaff(req);
      return presentTicket(ctx, actor, await markDuplicate(ctx, actor, req.params.key, req.body, ifMatchVersion(req)));
    },
  );

  r.get(
    '/mass-outages',
    {
      schema: {
        tags,
        summary: 'Mass-outage candidates, most recent activity first (L2/L3 staff, duty managers, admins)',
        querystring: listMassOutagesQuery,
        response: { 200: z.object({ items: z.array(massOutageView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listMassOutages(ctx, requireStaff(req), req.query),
  );

  r.get(
    '/mass-outages/:id',
    {
      schema: { tags, summary: 'One mass-outage candidate with its member requests', params: z.object({ id: z.string().max(40) }), response: { 200: massOutageDetailView } },
    },
    async (req) => getMassOutage(ctx, requireStaff(req), req.params.id),
  );

  for (const [action, decision] of [
    ['acknowledge', 'acknowledged'],
    ['dismiss', 'dismissed'],
  ] as const) {
    r.post(
      `/mass-outages/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            decision === 'acknowledged'
              ? 'Acknowledge the candidate: someone is on it, members stay flagged'
              : 'Dismiss the candidate: not an outage; the flag comes off its requests and the same storm does not raise it again',
          params: z.object({ id: z.string().max(40) }),
          body: decisionInput,
          response: { 200: massOutageDetailView },
        },
      },
      async (req) => decideMassOutage(ctx, requireStaff(req), req.params.id, decision, req.body ?? {}),
    );
  }

  r.get(
    '/similarity/settings',
    { schema: { tags, summary: 'Thresholds of the similarity scan and mass-outage detection (staff)', response: { 200: similaritySettingsSchema } } },
    async (req) => {
      requireStaff(req);
      return loadSettings(ctx.db);
    },
  );

  r.put(
    '/similarity/settings',
    {
      schema: {
        tags,
        summary: 'Change thresholds (admin); omitted fields keep their value',
        body: similaritySettingsSchema.partial(),
        response: { 200: similaritySettingsSchema },
      },
    },
    async (req) => {
      requireAdmin(req);
      const patch = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
      return saveSettings(ctx.db, patch);
    },
  );
}
