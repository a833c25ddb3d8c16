import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { RecordedEvent } from '../audit/index.js';
import { checkInformation } from '../lines/requirements.js';

/**
 * In the transaction that registers a request (or changes its catalogue item): remember the form version it
 * is judged by, and queue the missing-information check when something the item needs is missing. The ask
 * itself runs as a job, after the request and its SLA clocks exist.
 */
export async function onCatalogueTicketEvent(exec: Executor, jobs: Pick<JobQueue, 'send'>, e: RecordedEvent): Promise<void> {
  if (!e.ticketId) return;
  const created = e.type === 'ticket.created';
  if (!created && !(e.type === 'ticket.updated' && e.changes?.catalogueItemId)) return;
  const t = await exec.selectFrom('tickets').selectAll().where('id', '=', e.ticketId).executeTakeFirst();
  if (!t) return;
  const item = t.catalogue_item_id ? await exec.selectFrom('catalogue_items').select('form_id').where('id', '=', t.catalogue_item_id).executeTakeFirst() : undefined;
  const formId = item?.form_id ?? null;
  if (formId !== t.catalogue_form_id) await exec.updateTable('tickets').set({ catalogue_form_id: formId }).where('id', '=', t.id).execute();
  if (!created || !t.catalogue_item_id) return;
  const check = await checkInformation(exec, { ...t, catalogue_form_id: formId });
  if (check.missing.length) await jobs.send(exec, 'catalogue.missing_info', { ticketId: t.id }, { singletonKey: `catalogue.missing_info:${t.id}` });
}
