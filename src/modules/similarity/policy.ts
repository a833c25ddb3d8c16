import type { Executor } from '../../db/executor.js';
import { AppError } from '../../shared/errors.js';
import { isManager, type Actor } from '../identity/actor.js';

/** Similar requests and links are worked by support staff; customers and vendors never see the comparison. */
export function assertSupportStaff(actor: Actor): void {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may do this');
}

/**
 * Mass-outage candidates are for the lines that diagnose platform problems: members of a line of level 2
 * or higher (L2, L3, product teams), duty managers and administrators.
 */
export async function maySeeMassOutages(exec: Executor, actor: Actor): Promise<boolean> {
  if (actor.kind !== 'staff') return false;
  if (isManager(actor)) return true;
  if (!actor.lineIds.length) return false;
  const row = await exec.selectFrom('lines').select('id').where('id', 'in', actor.lineIds).where('level', '>=', 2).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function assertMassOutageViewer(exec: Executor, actor: Actor): Promise<void> {
  if (!(await maySeeMassOutages(exec, actor))) {
    throw new AppError('FORBIDDEN', 'Mass-outage candidates are visible to L2/L3 staff, duty managers and administrators');
  }
}
