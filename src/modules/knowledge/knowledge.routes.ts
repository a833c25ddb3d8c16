import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ifMatchVersion } from '../../http/request.js';
import { requireActor, requireAdmin, requireStaff } from '../../http/auth.js';
import { subscribe } from '../audit/index.js';
import { articleSummaryView, articleView, createArticleInput, feedbackInput, listArticlesQuery, slugSchema, suggestInput, suggestionView, updateArticleInput } from './schemas.js';
import { getArticle, getVersion, listArticles, listVersions } from './read-articles.js';
import { createArticle, deleteArticle, restoreVersion, updateArticle } from './manage-articles.js';
import { giveFeedback, listFeedback } from './feedback.js';
import { suggestArticles, ticketArticleSuggestions } from './suggest-articles.js';
import { deflectionReport, onTicketCreated, recordSuggestionView } from './deflection.js';

const slugParams = z.object({ slug: slugSchema });
const versionParams = slugParams.extend({ version: z.coerce.number().int().positive().max(1_000_000) });

/** Knowledge base: articles (bilingual, versioned), search, feedback, suggestions and deflection. */
export async function knowledgeRoutes(app: FastifyInstance, ctx: AppContext) {
  subscribe(onTicketCreated);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge'];
  const staff = (req: FastifyRequest) => {
    const a = requireStaff(req);
    return a;
  };

  r.get(
    '/knowledge/articles',
    {
      schema: {
        tags,
        summary: 'List and search articles (Russian and English morphology). Anonymous readers, customers and vendors see published public articles only',
        querystring: listArticlesQuery,
        response: { 200: z.object({ items: z.array(articleSummaryView) }) },
      },
    },
    async (req) => listArticles(ctx, req.actor ? requireActor(req) : null, req.query),
  );
  r.post(
    '/knowledge/articles',
    { schema: { tags, summary: 'Write an article (staff of any line; archiving is for administrators). Stored as version 1', body: createArticleInput, response: { 201: articleView } } },
    async (req, reply) => reply.status(201).send(await createArticle(ctx, staff(req), req.body)),
  );
  r.get(
    '/knowledge/articles/:slug',
    { schema: { tags, summary: 'One article; internal, draft and archived articles are not found for readers outside support', params: slugParams, response: { 200: articleView } } },
    async (req) => getArticle(ctx, req.actor ? requireActor(req) : null, req.params.slug),
  );
  r.patch(
    '/knowledge/articles/:slug',
    {
      schema: {
        tags,
        summary: 'Edit an article (staff): a new version with author and time. Send If-Match with the version; a stale one is 409 VERSION_CONFLICT',
        params: slugParams,
        body: updateArticleInput,
        response: { 200: articleView },
      },
    },
    async (req) => updateArticle(ctx, staff(req), req.params.slug, req.body, ifMatchVersion(req)),
  );
  r.delete('/knowledge/articles/:slug', { schema: { tags, summary: 'Delete an article with its history and feedback (admin); prefer archiving', params: slugParams } }, async (req, reply) => {
    await deleteArticle(ctx, requireAdmin(req), req.params.slug);
    return reply.status(204).send();
  });
  r.get('/knowledge/articles/:slug/versions', { schema: { tags, summary: "The article's versions, newest first (staff)", params: slugParams } }, async (req) => {
    staff(req);
    return listVersions(ctx, req.params.slug);
  });
  r.get('/knowledge/articles/:slug/versions/:version', { schema: { tags, summary: 'One version: the full content as saved (staff)', params: versionParams } }, async (req) => {
    staff(req);
    return getVersion(ctx, req.params.slug, req.params.version);
  });
  r.post(
    '/knowledge/articles/:slug/versions/:version/restore',
    { schema: { tags, summary: "Restore an old version's content as a new version (staff); If-Match optional", params: versionParams, response: { 200: articleView } } },
    async (req) => restoreVersion(ctx, staff(req), req.params.slug, req.params.version, ifMatchVersion(req)),
  );
  r.put(
    '/knowledge/articles/:slug/feedback',
    {
      schema: {
        tags,
        summary: '"Did this help?" (any signed-in reader of the article): one answer per user, answering again replaces it',
        params: slugParams,
        body: feedbackInput,
        response: { 200: z.object({ helpful: z.boolean(), comment: z.string().nullable() }) },
      },
    },
    async (req) => giveFeedback(ctx, requireActor(req), req.params.slug, req.body),
  );
  r.get(
    '/knowledge/articles/:slug/feedback',
    {
      schema: {
        tags,
        summary: 'Feedback counts and comments (staff)',
        params: slugParams,
        response: {
          200: z.object({
            helpful: z.number(),
            notHelpful: z.number(),
            comments: z.array(z.object({ helpful: z.boolean(), comment: z.string(), at: z.string(), user: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }) })),
          }),
        },
      },
    },
    async (req) => {
      staff(req);
      return listFeedback(ctx, req.params.slug);
    },
  );
  r.post(
    '/knowledge/suggest',
    {
      schema: {
        tags,
        summary: "Articles for a request being written (signed in). Customers get a draft sessionId: pass it back on every call, and record views with …/views",
        body: suggestInput,
        response: { 200: z.object({ sessionId: z.uuid().nullable(), items: z.array(suggestionView) }) },
      },
    },
    async (req) => suggestArticles(ctx, requireActor(req), req.body),
  );
  r.post(
    '/knowledge/suggest/sessions/:id/views',
    { schema: { tags, summary: 'The customer opened a suggested article from their draft (deflection tracking)', params: z.object({ id: z.uuid() }), body: z.object({ slug: slugSchema }) } },
    async (req, reply) => {
      await recordSuggestionView(ctx, requireActor(req), req.params.id, req.body.slug);
      return reply.status(204).send();
    },
  );
  r.get(
    '/knowledge/deflection',
    {
      schema: {
        tags,
        summary: `Deflection (admin): drafts whose author read a suggestion and filed no request within ${60} minutes`,
        querystring: z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() }),
      },
    },
    async (req) => {
      requireAdmin(req);
      return deflectionReport(ctx, req.query);
    },
  );
  r.get(
    '/tickets/:key/article-suggestions',
    {
      schema: {
        tags,
        summary: "Articles ranked for the request's text and catalogue item (staff), in the request's language where available",
        params: z.object({ key: z.string().min(1).max(40) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) }),
        response: { 200: z.object({ language: z.enum(['en', 'ru']), items: z.array(suggestionView) }) },
      },
    },
    async (req) => ticketArticleSuggestions(ctx, requireActor(req), req.params.key, req.query.limit),
  );
}
