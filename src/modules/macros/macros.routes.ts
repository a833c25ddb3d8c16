import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ifMatchVersion } from '../../http/request.js';
import { requireActor, requireAdmin } from '../../http/auth.js';
import { createMacroInput, macroView, updateMacroInput } from './schemas.js';
import { createMacro, deleteMacro, listMacros, updateMacro } from './manage-macros.js';
import { applyMacro, previewMacro } from './apply-macro.js';

const idParams = z.object({ id: z.uuid() });
const ticketMacroParams = z.object({ key: z.string().min(1).max(40), id: z.uuid() });
const change = z.object({ from: z.unknown(), to: z.unknown() });
const rendered = z.object({ visibility: z.enum(['public', 'internal']), body: z.string() }).nullable();

/** Macros: canned agent actions (fields, a templated reply or note, a status), previewed and applied in one step. */
export async function macroRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['macros'];
  r.get(
    '/macros',
    { schema: { tags, summary: "Macros the agent may use: global ones and their lines' and teams' (staff); all=true lists inactive too (managers, admins)", querystring: z.object({ all: z.stringbool().optional() }), response: { 200: z.object({ items: z.array(macroView) }) } } },
    async (req) => listMacros(ctx, requireActor(req), req.query.all ?? false),
  );
  r.post('/macros', { schema: { tags, summary: 'Create a macro (admin); an unknown {{placeholder}} is a 400', body: createMacroInput, response: { 201: macroView } } }, async (req, reply) =>
    reply.status(201).send(await createMacro(ctx, requireAdmin(req), req.body)),
  );
  r.patch('/macros/:id', { schema: { tags, summary: 'Edit or deactivate a macro (admin)', params: idParams, body: updateMacroInput, response: { 200: macroView } } }, async (req) =>
    updateMacro(ctx, requireAdmin(req), req.params.id, req.body),
  );
  r.delete('/macros/:id', { schema: { tags, summary: 'Delete a macro (admin)', params: idParams } }, async (req, reply) => {
    await deleteMacro(ctx, requireAdmin(req), req.params.id);
    return reply.status(204).send();
  });
  r.post(
    '/tickets/:key/macros/:id/preview',
    {
      schema: {
        tags,
        summary: "What the macro would do to this request (staff): field changes, the rendered message, the status move, and anything that would stop it. Nothing is written",
        params: ticketMacroParams,
        response: {
          200: z.object({
            macro: z.object({ id: z.uuid(), name: z.string() }),
            ticketVersion: z.number(),
            changes: z.record(z.string(), change),
            message: rendered,
            status: z.object({ from: z.string(), to: z.string() }).nullable(),
            problems: z.array(z.object({ field: z.string(), message: z.string() })),
            applicable: z.boolean(),
          }),
        },
      },
    },
    async (req) => previewMacro(ctx, requireActor(req), req.params.key, req.params.id),
  );
  r.post(
    '/tickets/:key/macros/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply the macro (staff): every action in one transaction. Send If-Match with the request version; a stale one is 409 VERSION_CONFLICT and nothing changes',
        params: ticketMacroParams,
        response: {
          200: z.object({ ticketVersion: z.number(), status: z.string(), changes: z.record(z.string(), change), message: rendered, statusChange: z.object({ from: z.string(), to: z.string() }).nullable() }),
        },
      },
    },
    async (req) => applyMacro(ctx, requireActor(req), req.params.key, req.params.id, ifMatchVersion(req)),
  );
}
