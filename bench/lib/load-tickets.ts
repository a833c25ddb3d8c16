import pg from 'pg';
import { enSentences, enSubjects, ruSentences, ruSubjects } from './vocabulary.js';

/** Weighted choices expanded into a lookup array: picking a uniform random element honours the weights. */
function expand<T>(weights: Array<[T, number]>, size: number): T[] {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  const out: T[] = [];
  for (const [v, w] of weights) for (let i = 0; i < Math.round((w / total) * size); i++) out.push(v);
  return out;
}

export const ORGS = 50;
const REQUESTERS_PER_ORG = 3;
const PROJECTS_PER_ORG = 2;

// ~5 % active overall: most requests of the last 30 days are still being worked on; older ones are
// closed but for a few left pending or on hold.
const RECENT_DAYS = 30;
const statusRecent = expand<string>([['new', 15], ['open', 30], ['pending_customer', 15], ['pending_vendor', 5], ['on_hold', 10], ['resolved', 10], ['closed', 15]], 1000);
const statusOld = expand<string>([['pending_customer', 6], ['pending_vendor', 4], ['on_hold', 10], ['resolved', 5], ['closed', 975]], 1000);
const priorityPick = expand<string>([['critical', 3], ['high', 17], ['medium', 45], ['low', 35]], 100);
const typePick = expand<string>([['incident', 52], ['question', 20], ['service_request', 12], ['billing', 8], ['access_recovery', 4], ['vendor', 3], ['feedback', 1]], 100);
const channelPick = expand<string>([['portal', 50], ['api', 20], ['email', 15], ['phone', 5], ['chat', 5], ['monitoring', 5]], 100);
// L1 takes in most requests; L3 Security (confidential) a few.
export const teamWeights: Array<[string, number]> = [
  ['L1-DUTY', 350], ['L1-BILLING', 150], ['L2-COMPUTE', 120], ['L2-NETWORK', 80], ['L2-K8S', 80], ['L2-DB', 70],
  ['L3-PLATFORM', 60], ['L3-SECURITY', 15], ['L4-COMPUTE', 40], ['L4-STORAGE', 35],
];

export interface Reference {
  orgIds: string[];
  requesterIds: string[];
  projectIds: string[];
  teams: Array<{ id: string; line_id: string; confidential: boolean; code: string }>;
}

/** 50 organisations (2 projects, 3 customer users each). Org n gets a share ∝ of the requests skewed to the first. */
export async function loadReference(c: pg.Client): Promise<Reference> {
  const orgs = await c.query<{ id: string }>(
    `INSERT INTO organizations (name, language) SELECT 'Bench org ' || lpad(i::text, 2, '0'), CASE WHEN i % 4 = 0 THEN 'en' ELSE 'ru' END
     FROM generate_series(1, $1::int) i ORDER BY i RETURNING id`,
    [ORGS],
  );
  const orgIds = orgs.rows.map((r) => r.id);
  const requesterIds: string[] = [];
  const projectIds: string[] = [];
  for (const [i, org] of orgIds.entries()) {
    const users = await c.query<{ id: string }>(
      `INSERT INTO users (email, name, kind, organization_id, org_role, locale)
       SELECT 'bench-' || $2::int || '-' || k || '@org.example', 'Customer ' || $2::int || '-' || k, 'customer', $1::uuid, 'member', 'ru'
       FROM generate_series(1, $3::int) k ORDER BY k RETURNING id`,
      [org, i + 1, REQUESTERS_PER_ORG],
    );
    requesterIds.push(...users.rows.map((r) => r.id));
    for (let p = 0; p < PROJECTS_PER_ORG; p++) {
      const pid = `mcs${String(4_000_000_000 + (i + 1) * 10 + p).padStart(10, '0')}`;
      await c.query(`INSERT INTO organization_projects (project_id, organization_id) VALUES ($1, $2)`, [pid, org]);
      projectIds.push(pid);
    }
  }
  const teams = await c.query<{ id: string; line_id: string; confidential: boolean; code: string }>(`SELECT id, line_id, confidential, code FROM teams`);
  return { orgIds, requesterIds, projectIds, teams: teams.rows };
}

/**
 * One batch of `count` requests created within [from, to), generated server-side and inserted in
 * created_at order, as a desk's table grows. Random draws are made once per row in fenced subqueries
 * (OFFSET 0); the search vectors use exactly the expressions of create-ticket: setweight(ru || en, 'A')
 * for the subject, 'B' for the description.
 */
const batchSql = `
INSERT INTO tickets (number, organization_id, requester_id, created_by_id, subject, description, type, priority, status, channel,
  project_id, region, line_id, team_id, confidential, created_at, updated_at, first_response_at, resolved_at, closed_at,
  idents, search_all, search_public)
SELECT n, org_id, requester_id, requester_id, subject, description, type, priority, status, channel,
  project_id, region, line_id, team_id, confidential, created_at, updated_at, first_response_at,
  CASE WHEN status IN ('resolved', 'closed') THEN updated_at END,
  CASE WHEN status = 'closed' THEN updated_at END,
  'sup-' || n || ' ' || idents, v, v
FROM (
SELECT nextval('ticket_number_seq') AS n, h.* FROM (
  SELECT *,
    setweight(to_tsvector('russian', subject) || to_tsvector('english', subject), 'A')
      || setweight(to_tsvector('russian', description) || to_tsvector('english', description), 'B') AS v
  FROM (
    SELECT status, priority, channel, created_at, updated_at, subject,
      (:orgs::uuid[])[oi] AS org_id,
      (:requesters::uuid[])[(oi - 1) * ${REQUESTERS_PER_ORG} + rk] AS requester_id,
      project_id,
      (:teamIds::uuid[])[ti] AS team_id,
      (:teamLines::uuid[])[ti] AS line_id,
      (:teamConf::boolean[])[ti] AS confidential,
      CASE WHEN (:teamConf::boolean[])[ti] THEN 'security' ELSE type END AS type,
      (ARRAY['ru-msk-1', 'ru-msk-2', 'ru-spb-1', 'kz-ala-1'])[1 + floor(random() * 4)::int] AS region,
      CASE WHEN status <> 'new' THEN least(updated_at, created_at + interval '17 minutes') END AS first_response_at,
      s1 || ' ' || s2 || ' ' || s3 || CASE WHEN ru THEN ' IP ' || ip || ', ресурс ' || res || ', проект ' ELSE ' IP ' || ip || ', resource ' || res || ', project ' END
        || project_id || '.' AS description,
      ip || ' ' || res || ' ' || project_id AS idents
    FROM (
      SELECT d.*,
        date_trunc('milliseconds', CASE
          WHEN status IN ('resolved', 'closed') THEN least(:at::timestamptz, c_at + r_upd * interval '12 days')
          WHEN c_at > :at::timestamptz - interval '${RECENT_DAYS} days' THEN c_at + r_upd * (:at::timestamptz - c_at)
          -- an old request still pending or on hold was touched recently
          ELSE :at::timestamptz - r_upd * interval '${RECENT_DAYS} days' END) AS updated_at,
        (:projects::text[])[(oi - 1) * ${PROJECTS_PER_ORG} + pk] AS project_id,
        CASE WHEN ru THEN (:ruSubjects::text[])[1 + floor(r_subj * cardinality(:ruSubjects::text[]))::int] ELSE (:enSubjects::text[])[1 + floor(r_subj * cardinality(:enSubjects::text[]))::int] END AS subject,
        CASE WHEN ru THEN (:ruSentences::text[])[1 + floor(r_s1 * cardinality(:ruSentences::text[]))::int] ELSE (:enSentences::text[])[1 + floor(r_s1 * cardinality(:enSentences::text[]))::int] END AS s1,
        CASE WHEN ru THEN (:ruSentences::text[])[1 + floor(r_s2 * cardinality(:ruSentences::text[]))::int] ELSE (:enSentences::text[])[1 + floor(r_s2 * cardinality(:enSentences::text[]))::int] END AS s2,
        CASE WHEN ru THEN (:ruSentences::text[])[1 + floor(r_s3 * cardinality(:ruSentences::text[]))::int] ELSE (:enSentences::text[])[1 + floor(r_s3 * cardinality(:enSentences::text[]))::int] END AS s3
      FROM (
        SELECT r.*, date_trunc('milliseconds', c_at) AS created_at,
          CASE WHEN c_at > :at::timestamptz - interval '${RECENT_DAYS} days'
            THEN (:statusRecent::text[])[1 + floor(r_status * cardinality(:statusRecent::text[]))::int]
            ELSE (:statusOld::text[])[1 + floor(r_status * cardinality(:statusOld::text[]))::int] END AS status
        FROM (
          SELECT
            :from::timestamptz + random() * (:to::timestamptz - :from::timestamptz) AS c_at,
            1 + floor(${ORGS} * power(random(), 2))::int AS oi,
            1 + floor(random() * ${REQUESTERS_PER_ORG})::int AS rk,
            1 + floor(random() * ${PROJECTS_PER_ORG})::int AS pk,
            (:teamPick::int[])[1 + floor(random() * cardinality(:teamPick::int[]))::int] AS ti,
            (:priorityPick::text[])[1 + floor(random() * cardinality(:priorityPick::text[]))::int] AS priority,
            (:typePick::text[])[1 + floor(random() * cardinality(:typePick::text[]))::int] AS type,
            (:channelPick::text[])[1 + floor(random() * cardinality(:channelPick::text[]))::int] AS channel,
            random() < 0.6 AS ru,
            random() AS r_status, random() AS r_upd, random() AS r_subj, random() AS r_s1, random() AS r_s2, random() AS r_s3,
            '10.' || floor(random() * 256)::int || '.' || floor(random() * 256)::int || '.' || floor(random() * 256)::int AS ip,
            gen_random_uuid()::text AS res
          FROM generate_series(1, :count::int)
          OFFSET 0
        ) r
        OFFSET 0
      ) d
      OFFSET 0
    ) e
    OFFSET 0
  ) f
  ORDER BY created_at
  OFFSET 0
) h
) numbered`;

/** `:name` placeholders → `$n`, so the long statement reads by name. */
function named(text: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const out = text.replace(/(?<!:):([a-zA-Z]+)\b/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no parameter ${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text: out, values: order.map((n) => params[n]) };
}

export async function loadBatch(c: pg.Client, ref: Reference, count: number, span: { from: Date; to: Date; at: Date }): Promise<void> {
  const teamIndex = new Map(ref.teams.map((t, i) => [t.code, i + 1]));
  const teamPick = expand(teamWeights.map(([code, w]) => [teamIndex.get(code) ?? 1, w] as [number, number]), 1000);
  const q = named(batchSql, {
    count,
    orgs: ref.orgIds,
    requesters: ref.requesterIds,
    projects: ref.projectIds,
    teamPick,
    teamIds: ref.teams.map((t) => t.id),
    teamLines: ref.teams.map((t) => t.line_id),
    teamConf: ref.teams.map((t) => t.confidential),
    statusRecent,
    statusOld,
    priorityPick,
    typePick,
    channelPick,
    ruSubjects,
    enSubjects,
    ruSentences,
    enSentences,
    from: span.from,
    to: span.to,
    at: span.at,
  });
  await c.query(q.text, q.values);
}
