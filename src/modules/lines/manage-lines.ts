import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { assertAdmin, assertStaffActor } from './policy.js';
import { keepsCustomerContact, openStatuses } from './queries.js';
import { invalidField, lineNotFound } from './errors.js';

export interface LineInput {
  code?: string;
  level?: number;
  nameEn?: string;
  nameRu?: string;
  responsibilitiesEn?: string;
  responsibilitiesRu?: string;
  keepsCustomerContact?: boolean;
}

/** Lines with their responsibilities, settings and live queue counts (open, unassigned). */
export async function listLines(ctx: AppContext, actor: Actor) {
  assertStaffActor(actor);
  const [lines, counts] = await Promise.all([
    ctx.db.selectFrom('lines').selectAll().orderBy('level').execute(),
    ctx.db
      .selectFrom('tickets')
      .select(['line_id', (eb) => eb.fn.countAll<number>().as('open'), (eb) => eb.fn.count<number>('id').filterWhere('assignee_id', 'is', null).as('unassigned')])
      .where('status', 'in', openStatuses)
      .groupBy('line_id')
      .execute(),
  ]);
  return {
    items: lines.map((l) => {
      const c = counts.find((x) => x.line_id === l.id);
      return {
        id: l.id,
        code: l.code,
        level: l.level,
        nameEn: l.name_en,
        nameRu: l.name_ru,
        responsibilitiesEn: l.responsibilities_en,
        responsibilitiesRu: l.responsibilities_ru,
        keepsCustomerContact: keepsCustomerContact(l),
        queue: { open: Number(c?.open ?? 0), unassigned: Number(c?.unassigned ?? 0) },
      };
    }),
  };
}

export async function saveLine(ctx: AppContext, actor: Actor, lineId: string | null, input: LineInput) {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.code) {
      const dup = await trx.selectFrom('lines').select('id').where('code', '=', input.code).executeTakeFirst();
      if (dup && dup.id !== lineId) throw invalidField('code', 'already used');
    }
    if (input.level !== undefined) {
      const dup = await trx.selectFrom('lines').select('id').where('level', '=', input.level).executeTakeFirst();
      if (dup && dup.id !== lineId) throw invalidField('level', 'another line has this level');
    }
    const values = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.nameRu !== undefined ? { name_ru: input.nameRu } : {}),
      ...(input.responsibilitiesEn !== undefined ? { responsibilities_en: input.responsibilitiesEn } : {}),
      ...(input.responsibilitiesRu !== undefined ? { responsibilities_ru: input.responsibilitiesRu } : {}),
      ...(input.keepsCustomerContact !== undefined ? { keeps_customer_contact: input.keepsCustomerContact } : {}),
    };
    if (lineId === null) {
      if (!input.code || input.level === undefined || !input.nameEn || !input.nameRu) throw invalidField('code', 'code, level, nameEn and nameRu are required');
      const row = await trx.insertInto('lines').values({ ...values, code: input.code, level: input.level, name_en: input.nameEn, name_ru: input.nameRu }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    }
    const found = await trx.selectFrom('lines').select('id').where('id', '=', lineId).executeTakeFirst();
    if (!found) throw lineNotFound();
    if (Object.keys(values).length) await trx.updateTable('lines').set(values).where('id', '=', lineId).execute();
    return lineId;
  });
}
