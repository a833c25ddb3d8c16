import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import { assertAdmin } from './policy.js';
import { referencedCodes, type RoutingRule } from './rules.js';

/** Saves the rule set as a new version (never edits an old one); unknown line/team codes are 400. */
export async function saveRoutingRules(ctx: AppContext, actor: Actor, input: { rules: RoutingRule[]; comment?: string }) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { lineCodes, teamCodes } = referencedCodes(input.rules);
    const [lines, teams] = await Promise.all([
      lineCodes.length ? trx.selectFrom('lines').select('code').where('code', 'in', lineCodes).execute() : [],
      teamCodes.length ? trx.selectFrom('teams').select('code').where('code', 'in', teamCodes).execute() : [],
    ]);
    const details = input.rules.flatMap((r, i) => [
      ...(r.then.lineCode && !lines.some((l) => l.code === r.then.lineCode) ? [{ field: `body.rules.${i}.then.lineCode`, message: 'no such line' }] : []),
      ...(r.then.teamCode && !teams.some((t) => t.code === r.then.teamCode) ? [{ field: `body.rules.${i}.then.teamCode`, message: 'no such team' }] : []),
    ]);
    if (details.length) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', details);
    // Serialise saves: two admins saving at once get consecutive versions, not a lost update.
    await trx.selectFrom('routing_rule_sets').select('version').orderBy('version', 'desc').limit(1).forUpdate().execute();
    const last = await trx.selectFrom('routing_rule_sets').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
    return trx
      .insertInto('routing_rule_sets')
      .values({ version: (last?.version ?? 0) + 1, rules: JSON.stringify(input.rules), comment: input.comment ?? '', author_id: actor.userId, created_at: ctx.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
