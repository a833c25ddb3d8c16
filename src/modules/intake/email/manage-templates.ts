/** Admin use cases for notification templates: list, change (placeholders validated), preview, reset. */
import type { AppContext } from '../../../shared/context.js';
import type { Executor } from '../../../db/executor.js';
import type { Locale } from '../../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { Actor } from '../../identity/actor.js';
import { recordEvent } from '../../audit/index.js';
import { assertCanEditTemplates } from './policy.js';
import { LOCALES, renderText, sampleVars, TEMPLATE_NAMES, TEMPLATES, unknownPlaceholders, type TemplateName, type TemplateText } from './templates.js';

export interface TemplateView {
  name: TemplateName;
  locale: Locale;
  audience: 'customer' | 'staff';
  subject: string;
  body: string;
  customized: boolean;
  updatedAt: string | null;
  placeholders: string[];
  default: TemplateText;
}

async function view(exec: Executor, name: TemplateName, locale: Locale): Promise<TemplateView> {
  const row = await exec.selectFrom('notification_templates').select(['subject', 'body', 'updated_at']).where('name', '=', name).where('locale', '=', locale).executeTakeFirst();
  const def = TEMPLATES[name];
  return {
    name,
    locale,
    audience: def.audience,
    subject: row?.subject ?? def.defaults[locale].subject,
    body: row?.body ?? def.defaults[locale].body,
    customized: Boolean(row),
    updatedAt: row ? row.updated_at.toISOString() : null,
    placeholders: Object.keys(def.vars),
    default: def.defaults[locale],
  };
}

export async function listTemplates(exec: Executor, actor: Actor): Promise<TemplateView[]> {
  assertCanEditTemplates(actor);
  const out: TemplateView[] = [];
  for (const name of TEMPLATE_NAMES) for (const locale of LOCALES) out.push(await view(exec, name, locale));
  return out;
}

/** 400 naming every placeholder the template does not offer, per field. */
function validate(name: TemplateName, text: TemplateText): void {
  const details = (['subject', 'body'] as const).flatMap((field) =>
    unknownPlaceholders(name, text[field]).map((p) => ({ field, message: `unknown placeholder {{${p}}}; available: ${Object.keys(TEMPLATES[name].vars).join(', ')}` })),
  );
  if (details.length) {
    const names = [...new Set(details.map((d) => d.message.slice(d.message.indexOf('{{'), d.message.indexOf('}}') + 2)))];
    throw new AppError('VALIDATION_FAILED', `Unknown placeholder ${names.join(', ')} in template ${name}`, details);
  }
}

export async function saveTemplate(ctx: AppContext, actor: Actor, name: TemplateName, locale: Locale, text: TemplateText): Promise<TemplateView> {
  assertCanEditTemplates(actor);
  validate(name, text);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('notification_templates')
      .values({ name, locale, subject: text.subject, body: text.body, updated_by_id: actor.userId, updated_at: now })
      .onConflict((oc) => oc.columns(['name', 'locale']).doUpdateSet({ subject: text.subject, body: text.body, updated_by_id: actor.userId, updated_at: now }))
      .execute();
    await recordEvent(trx, ctx.jobs, { type: 'email.template_updated', actorId: actor.userId, visibility: 'internal', data: { name, locale } });
    return view(trx, name, locale);
  });
}

export async function resetTemplate(ctx: AppContext, actor: Actor, name: TemplateName, locale: Locale): Promise<TemplateView> {
  assertCanEditTemplates(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('notification_templates').where('name', '=', name).where('locale', '=', locale).executeTakeFirst();
    if (Number(res.numDeletedRows) > 0) await recordEvent(trx, ctx.jobs, { type: 'email.template_reset', actorId: actor.userId, visibility: 'internal', data: { name, locale } });
    return view(trx, name, locale);
  });
}

/** Renders a draft (or the current text) with the template's sample values; unknown placeholders are listed, not refused. */
export async function previewTemplate(exec: Executor, actor: Actor, name: TemplateName, locale: Locale, draft: Partial<TemplateText>) {
  assertCanEditTemplates(actor);
  const current = await view(exec, name, locale);
  const text = { subject: draft.subject ?? current.subject, body: draft.body ?? current.body };
  const unknown = [...new Set([...unknownPlaceholders(name, text.subject), ...unknownPlaceholders(name, text.body)])];
  return { ...renderText(text, sampleVars(name, locale)), unknownPlaceholders: unknown };
}
