import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor, requireStaff } from '../../http/auth.js';
import { channels, priorities, ticketTypes } from '../tickets/index.js';
import { ruleSet } from './rules.js';
import { saveRoutingRules } from './save-routing-rules.js';
import { dryRunRouting } from './dry-run-routing.js';
import { ruleSetVersionNotFound } from './errors.js';

const versionView = z.object({ version: z.number().int(), comment: z.string(), author: z.object({ id: z.uuid(), name: z.string() }).nullable(), createdAt: z.date(), ruleCount: z.number().int() });
const ruleSetView = versionView.extend({ rules: ruleSet });

/** Routing rules: the set in force, its versions, saving a new version, and the dry run. */
export async function routingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['routing'];

  const load = async (version?: number) => {
    let q = ctx.db
      .selectFrom('routing_rule_sets as s')
      .leftJoin('users as u', 'u.id', 's.author_id')
      .select(['s.version', 's.rules', 's.comment', 's.created_at', 's.author_id', 'u.name']);
    q = version === undefined ? q.orderBy('s.version', 'desc').limit(1) : q.where('s.version', '=', version);
    const row = await q.executeTakeFirst();
    if (!row) throw ruleSetVersionNotFound();
    const rules = ruleSet.safeParse(row.rules);
    const list = rules.success ? rules.data : [];
    return { version: row.version, comment: row.comment, author: row.author_id ? { id: row.author_id, name: row.name ?? '' } : null, createdAt: row.created_at, ruleCount: list.length, rules: list };
  };

  r.get('/routing/rules', { schema: { tags, summary: 'The rule set in force (staff)', response: { 200: ruleSetView } } }, async (req) => {
    requireStaff(req);
    return load();
  });

  r.put(
    '/routing/rules',
    {
      schema: {
        tags,
        summary: 'Save the ordered rule set as a new version (admin); the first matching rule routes a request',
        body: z.object({ rules: ruleSet, comment: z.string().trim().max(2000).optional() }),
        response: { 201: ruleSetView },
      },
    },
    async (req, reply) => {
      const row = await saveRoutingRules(ctx, requireActor(req, { scope: 'admin' }), req.body);
      return reply.status(201).send(await load(row.version));
    },
  );

  r.get(
    '/routing/rules/versions',
    { schema: { tags, summary: 'Every saved version, newest first: who changed the rules and when (staff)', response: { 200: z.object({ items: z.array(versionView) }) } } },
    async (req) => {
      requireStaff(req);
      const rows = await ctx.db
        .selectFrom('routing_rule_sets as s')
        .leftJoin('users as u', 'u.id', 's.author_id')
        .select(['s.version', 's.comment', 's.created_at', 's.author_id', 'u.name', (eb) => eb.fn<number>('jsonb_array_length', ['s.rules']).as('n')])
        .orderBy('s.version', 'desc')
        .limit(500)
        .execute();
      return {
        items: rows.map((v) => ({ version: v.version, comment: v.comment, author: v.author_id ? { id: v.author_id, name: v.name ?? '' } : null, createdAt: v.created_at, ruleCount: Number(v.n) })),
      };
    },
  );

  r.get(
    '/routing/rules/versions/:version',
    { schema: { tags, summary: 'One saved version (staff)', params: z.object({ version: z.coerce.number().int().positive() }), response: { 200: ruleSetView } } },
    async (req) => {
      requireStaff(req);
      return load(req.params.version);
    },
  );

  r.post(
    '/routing/dry-run',
    {
      schema: {
        tags,
        summary: 'Which rule routes this request and why; give an existing key or a request body, optionally a draft rule set',
        body: z
          .object({
            key: z.string().max(40).optional(),
            request: z
              .object({
                type: z.enum(ticketTypes),
                catalogueItemId: z.uuid().optional(),
                priority: z.enum(priorities).optional(),
                organizationId: z.uuid().optional(),
                channel: z.enum(channels).optional(),
                region: z.string().max(64).optional(),
                subject: z.string().max(300).optional(),
                description: z.string().max(100_000).optional(),
              })
              .optional(),
            rules: ruleSet.optional().describe('a draft to test instead of the rule set in force'),
          })
          .refine((b) => Boolean(b.key) !== Boolean(b.request), { message: 'give exactly one of key or request' }),
        response: {
          200: z.object({
            ruleSetVersion: z.number().int().nullable(),
            matchedRule: z.object({ index: z.number().int(), id: z.string(), name: z.string() }).nullable(),
            decision: z.object({
              line: z.object({ id: z.uuid(), code: z.string() }).nullable(),
              team: z.object({ id: z.uuid(), code: z.string() }).nullable(),
              priority: z.enum(priorities).nullable(),
              tags: z.array(z.string()),
              source: z.enum(['rule', 'catalogue', 'fallback']),
            }),
            explanation: z.array(
              z.object({
                index: z.number().int(),
                ruleId: z.string(),
                name: z.string(),
                enabled: z.boolean(),
                matched: z.boolean(),
                checks: z.array(z.object({ condition: z.string(), expected: z.unknown(), actual: z.unknown(), ok: z.boolean() })),
                why: z.string(),
              }),
            ),
            facts: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (req) => dryRunRouting(ctx, requireActor(req), req.body),
  );
}
