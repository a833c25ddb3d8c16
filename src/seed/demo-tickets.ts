import type { AppContext } from '../shared/context.js';
import { loadActor } from '../modules/identity/actor.js';
import { addMessage, createTicket } from '../modules/tickets/index.js';

/** A few requests so a new user sees a live queue. */
export async function seedDemoTickets(ctx: AppContext): Promise<void> {
  const user = async (email: string) => {
    const u = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const a = await loadActor(ctx.db, u.id, 'session', null);
    if (!a) throw new Error(`demo user ${email} missing`);
    return a;
  };
  const anna = await user('customer@acme.example');
  const dana = await user('ops@globex.example');
  const l1 = await user('l1@tierdesk.example');
  const vm = await ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'compute.vm.unavailable').executeTakeFirst();
  const quotas = await ctx.db.selectFrom('catalogue_items').select('id').where('code', '=', 'account.quotas.change').executeTakeFirst();

  const a = await createTicket(ctx, anna, {
    subject: 'Виртуальная машина не запускается после перезагрузки',
    description: 'ВМ web-01 (id 3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192) в регионе Москва после перезагрузки висит в статусе ERROR. Ошибка: "No valid host was found". IP 10.0.12.34.',
    catalogueItemId: vm?.id,
    region: 'ru-msk-1',
    projectId: 'mcs0123456789',
    resourceIds: ['3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f708192'],
  });
  await addMessage(ctx, l1, a.key, { body: 'Здравствуйте! Проверяем состояние гипервизора, вернёмся с ответом в течение часа.', visibility: 'public' });
  await addMessage(ctx, l1, a.key, { body: 'Похоже на нехватку ресурсов в AZ ms1; нужна L2 Compute.', visibility: 'internal' });
  await createTicket(ctx, anna, {
    subject: 'Увеличить квоту vCPU до 64',
    description: 'Просим увеличить квоту vCPU в проекте mcs1234567890 с 32 до 64 и RAM до 256 ГБ.',
    catalogueItemId: quotas?.id,
    region: 'ru-msk-1',
    projectId: 'mcs1234567890',
  });
  await createTicket(ctx, dana, {
    subject: 'S3 returns 403 SignatureDoesNotMatch since this morning',
    description: 'Our backup job started failing at 06:10 UTC with "SignatureDoesNotMatch" when uploading to bucket globex-backups. Nothing changed on our side.',
    type: 'incident',
    priority: 'high',
    projectId: 'mcs2345678901',
  });
}
