import type { Executor } from '../../db/executor.js';
import { validateSubmission, type FormValues } from './form-fields.js';
import { loadCurrentForm, loadRegions } from './queries.js';
import { formInvalid } from './errors.js';

/**
 * Intake check (create-ticket.ts calls this next to the catalogue item lookup): the submission against the
 * item's current form. 400 VALIDATION_FAILED with one detail per field (missing / wrong type / bad format).
 * Values required only before escalation may be missing: the missing-information loop asks for them.
 */
export async function assertSubmissionMatchesForm(exec: Executor, catalogueItemId: string | null | undefined, values: FormValues): Promise<void> {
  if (!catalogueItemId) return;
  const form = await loadCurrentForm(exec, catalogueItemId);
  if (!form || form.fields.length === 0) return;
  const regions = form.fields.some((f) => f.type === 'region') ? await loadRegions(exec) : [];
  const errors = validateSubmission(form.fields, values, regions);
  if (errors.length) throw formInvalid(errors);
}
