import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ifMatchVersion, ticketKeyParams } from '../../http/request.js';
import { requireAdmin, requireStaff } from '../../http/auth.js';
import { getClassification } from './get-classification.js';
import { decideClassification, decideClassificationInput } from './decide-classification.js';
import { activateModel, getClassifierSettings, listModels, requestRetrain, setClassifierSettings } from './manage-models.js';
import { classificationView, modelView, settingsView } from './views.js';

const tags = ['classifier'];
const versionParams = z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).describe('model version') });
const models = z.object({ items: z.array(modelView) });

/** The classifier's suggestion on a request (staff), and model administration (admin). */
export async function classifierRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tickets/:key/classification',
    { schema: { tags, summary: "The classifier's suggestion for a request: per target the label, confidence and the terms or rule behind it (staff only)", params: ticketKeyParams, response: { 200: classificationView } } },
    async (req) => getClassification(ctx, requireStaff(req), req.params.key),
  );
  r.post(
    '/tickets/:key/classification',
    {
      schema: {
        tags,
        summary: 'Accept the suggestion or override it with the right values (staff). Send If-Match or version; an override is kept as training data',
        params: ticketKeyParams,
        body: decideClassificationInput,
        response: { 200: classificationView },
      },
    },
    async (req) => decideClassification(ctx, requireStaff(req), req.params.key, req.body, ifMatchVersion(req)),
  );
  r.get('/classifier/models', { schema: { tags, summary: 'Model versions with their k-fold figures (admin; duty managers read)', response: { 200: models } } }, async (req) => listModels(ctx, requireStaff(req)));
  r.post(
    '/classifier/models/:version/activate',
    { schema: { tags, summary: 'Make a version the active model; an earlier version is a rollback (admin)', params: versionParams, response: { 200: models } } },
    async (req) => activateModel(ctx, requireAdmin(req), req.params.version),
  );
  r.post(
    '/classifier/retrain',
    {
      schema: {
        tags,
        summary: 'Queue a retraining on the default corpus, resolved requests and overrides (admin). The new version is activated only if its macro-F1 is not worse, unless activate says otherwise',
        body: z.strictObject({ activate: z.enum(['auto', 'always', 'never']).optional() }).optional(),
        response: { 202: z.object({ jobId: z.string().nullable(), queued: z.boolean().describe('false: a retraining is already queued') }) },
      },
    },
    async (req, reply) => reply.status(202).send(await requestRetrain(ctx, requireAdmin(req), req.body?.activate)),
  );
  r.get('/classifier/settings', { schema: { tags, summary: 'Classifier settings (admin; duty managers read)', response: { 200: settingsView } } }, async (req) => getClassifierSettings(ctx, requireStaff(req)));
  r.put(
    '/classifier/settings',
    { schema: { tags, summary: 'Change the auto-apply threshold (admin)', body: settingsView.strict(), response: { 200: settingsView } } },
    async (req) => setClassifierSettings(ctx, requireAdmin(req), req.body),
  );
}
