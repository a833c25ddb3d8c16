import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor } from '../../http/auth.js';
import { ticketSummaryView } from '../tickets/index.js';
import { searchTickets } from './search-tickets.js';

export async function searchRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search requests and their messages (Russian and English morphology; IDs, IPs and e-mails by substring)',
        querystring: z.object({ q: z.string().trim().min(1).max(500).refine((q) => !q.includes('\u0000'), 'must not contain NUL characters'), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(ticketSummaryView.extend({ rank: z.number(), snippet: z.string() })) }) },
      },
    },
    async (req) => searchTickets(ctx, requireActor(req), req.query),
  );
}
