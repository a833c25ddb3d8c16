import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireActor, requireStaff } from '../../http/auth.js';

const catalogueItem = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  kind: z.enum(['service_type', 'category', 'group', 'service']),
  nameEn: z.string(),
  nameRu: z.string(),
  defaultType: z.string().nullable(),
  defaultPriority: z.string().nullable(),
});

/** Reference data the UI and integrations need: the catalogue (everyone) and the organisation (staff). */
export async function directoryRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/catalogue',
    { schema: { tags: ['catalogue'], summary: 'The service catalogue, flat (build the tree by parentId)', response: { 200: z.object({ items: z.array(catalogueItem) }) } } },
    async (req) => {
      requireActor(req);
      const rows = await ctx.db.selectFrom('catalogue_items').selectAll().where('active', '=', true).orderBy('sort').orderBy('code').execute();
      return {
        items: rows.map((c) => ({
          id: c.id,
          parentId: c.parent_id,
          code: c.code,
          kind: c.kind,
          nameEn: c.name_en,
          nameRu: c.name_ru,
          defaultType: c.default_type,
          defaultPriority: c.default_priority,
        })),
      };
    },
  );

  r.get(
    '/directory',
    {
      schema: {
        tags: ['directory'],
        summary: 'Lines, teams, agents and customer organisations (staff only)',
        response: {
          200: z.object({
            lines: z.array(z.object({ id: z.uuid(), code: z.string(), level: z.number(), nameEn: z.string(), nameRu: z.string(), responsibilitiesEn: z.string(), responsibilitiesRu: z.string() })),
            teams: z.array(z.object({ id: z.uuid(), code: z.string(), lineId: z.uuid(), nameEn: z.string(), nameRu: z.string(), confidential: z.boolean() })),
            agents: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), staffRole: z.string().nullable(), lineCodes: z.array(z.string()), teamIds: z.array(z.uuid()) })),
            organizations: z.array(z.object({ id: z.uuid(), name: z.string(), projectIds: z.array(z.string()), users: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })) })),
          }),
        },
      },
    },
    async (req) => {
      requireStaff(req);
      const [lines, teams, agents, lineMembers, teamMembers, orgs, projects, customers] = await Promise.all([
        ctx.db.selectFrom('lines').selectAll().orderBy('level').execute(),
        ctx.db.selectFrom('teams').selectAll().orderBy('code').execute(),
        ctx.db.selectFrom('users').select(['id', 'name', 'email', 'staff_role']).where('kind', '=', 'staff').where('disabled_at', 'is', null).orderBy('name').execute(),
        ctx.db.selectFrom('line_members').innerJoin('lines', 'lines.id', 'line_members.line_id').select(['user_id', 'lines.code']).execute(),
        ctx.db.selectFrom('team_members').select(['user_id', 'team_id']).execute(),
        ctx.db.selectFrom('organizations').select(['id', 'name']).orderBy('name').execute(),
        ctx.db.selectFrom('organization_projects').select(['project_id', 'organization_id']).execute(),
        ctx.db.selectFrom('users').select(['id', 'name', 'email', 'organization_id']).where('kind', '=', 'customer').where('disabled_at', 'is', null).orderBy('name').execute(),
      ]);
      return {
        lines: lines.map((l) => ({ id: l.id, code: l.code, level: l.level, nameEn: l.name_en, nameRu: l.name_ru, responsibilitiesEn: l.responsibilities_en, responsibilitiesRu: l.responsibilities_ru })),
        teams: teams.map((t) => ({ id: t.id, code: t.code, lineId: t.line_id, nameEn: t.name_en, nameRu: t.name_ru, confidential: t.confidential })),
        agents: agents.map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          staffRole: a.staff_role,
          lineCodes: lineMembers.filter((m) => m.user_id === a.id).map((m) => m.code),
          teamIds: teamMembers.filter((m) => m.user_id === a.id).map((m) => m.team_id),
        })),
        organizations: orgs.map((o) => ({
          id: o.id,
          name: o.name,
          projectIds: projects.filter((p) => p.organization_id === o.id).map((p) => p.project_id),
          users: customers.filter((c) => c.organization_id === o.id).map((c) => ({ id: c.id, name: c.name, email: c.email })),
        })),
      };
    },
  );
}
