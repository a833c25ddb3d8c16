import type { Kysely, Transaction } from 'kysely';
import type { DB, Priority, TicketType } from '../db/schema.js';
import { seedCatalogueForms } from './catalogue.js';
import { seedKnowledge } from './knowledge.js';

/** Reference data every install starts with (editable by an admin): lines, teams, plans, catalogue. */
export const lines = [
  {
    code: 'L1', level: 1, name_en: 'First line', name_ru: 'Первая линия',
    responsibilities_en: 'Takes in every request: registers, classifies, first diagnostics, collects what the next line needs. Solves typical problems; consults on services, payments and charges; restores account access; changes quotas and VM configuration; notifies customers of failures; works with Marketplace vendors.',
    responsibilities_ru: 'Принимает все обращения: регистрирует, классифицирует, проводит первичную диагностику и собирает данные для следующей линии. Решает типовые проблемы; консультирует по сервисам, оплате и начислениям; восстанавливает доступ к аккаунту; меняет квоты и конфигурацию ВМ; оповещает клиентов о сбоях; работает с вендорами Marketplace.',
  },
  {
    code: 'L2', level: 2, name_en: 'Second line', name_ru: 'Вторая линия',
    responsibilities_en: 'Non-typical and complex requests escalated from L1; detailed diagnostics; proactive monitoring and reaction to alerts.',
    responsibilities_ru: 'Нетиповые и сложные обращения, эскалированные с L1; детальная диагностика; проактивный мониторинг и реакция на алерты.',
  },
  {
    code: 'L3', level: 3, name_en: 'Third line', name_ru: 'Третья линия',
    responsibilities_en: 'Mass failures on the provider side; fixing software defects; finding vulnerabilities; growth points for product teams.',
    responsibilities_ru: 'Массовые сбои на стороне провайдера; исправление дефектов ПО; поиск уязвимостей; точки роста для продуктовых команд.',
  },
  {
    code: 'L4', level: 4, name_en: 'Product teams', name_ru: 'Продуктовые команды',
    responsibilities_en: 'Ship versions that fix mass problems; improve performance, fault tolerance and usability; build new features.',
    responsibilities_ru: 'Выпускают версии, устраняющие массовые проблемы; улучшают производительность, отказоустойчивость и удобство; разрабатывают новые функции.',
  },
] as const;

export const teams = [
  { line: 'L1', code: 'L1-DUTY', name_en: 'L1 Duty shift', name_ru: 'L1 Дежурная смена', confidential: false },
  { line: 'L1', code: 'L1-BILLING', name_en: 'L1 Billing and accounts', name_ru: 'L1 Биллинг и аккаунты', confidential: false },
  { line: 'L2', code: 'L2-COMPUTE', name_en: 'L2 Compute', name_ru: 'L2 Вычисления', confidential: false },
  { line: 'L2', code: 'L2-NETWORK', name_en: 'L2 Network', name_ru: 'L2 Сеть', confidential: false },
  { line: 'L2', code: 'L2-K8S', name_en: 'L2 Kubernetes', name_ru: 'L2 Kubernetes', confidential: false },
  { line: 'L2', code: 'L2-DB', name_en: 'L2 Databases', name_ru: 'L2 Базы данных', confidential: false },
  { line: 'L3', code: 'L3-PLATFORM', name_en: 'L3 Platform operations', name_ru: 'L3 Эксплуатация платформы', confidential: false },
  { line: 'L3', code: 'L3-SECURITY', name_en: 'L3 Security', name_ru: 'L3 Безопасность', confidential: true },
  { line: 'L4', code: 'L4-COMPUTE', name_en: 'L4 Compute product team', name_ru: 'L4 Продуктовая команда Compute', confidential: false },
  { line: 'L4', code: 'L4-STORAGE', name_en: 'L4 Storage product team', name_ru: 'L4 Продуктовая команда хранилищ', confidential: false },
] as const;

export const plans = [
  { code: 'standard', name_en: 'Standard (SLA)', name_ru: 'Стандартный (SLA)', description_en: 'First response 60 min for every priority; resolution 2/12/24/48 h; 24/7.', description_ru: 'Первая реакция 60 мин для любого приоритета; решение 2/12/24/48 ч; 24/7.' },
  { code: 'basic', name_en: 'Basic', name_ru: 'Базовый', description_en: 'First answer within 24 h, business hours.', description_ru: 'Первый ответ в течение 24 ч, рабочие часы.' },
  { code: 'business', name_en: 'Business', name_ru: 'Бизнес', description_en: 'First answer 4 h, critical 30 min.', description_ru: 'Первый ответ 4 ч, критичные 30 мин.' },
  { code: 'premium', name_en: 'Premium', name_ru: 'Премиум', description_en: 'First answer 2 h, critical 15 min, 24/7.', description_ru: 'Первый ответ 2 ч, критичные 15 мин, 24/7.' },
] as const;

type Item = { code: string; kind: 'service_type' | 'category' | 'group' | 'service'; en: string; ru: string; type?: TicketType; priority?: Priority; team?: string; children?: Item[] };

export const catalogue: Item[] = [
  { code: 'cloud', kind: 'service_type', en: 'Cloud', ru: 'Облако', children: [
    { code: 'compute', kind: 'category', en: 'Compute', ru: 'Вычисления', children: [
      { code: 'compute.vm', kind: 'group', en: 'Virtual machines', ru: 'Виртуальные машины', children: [
        { code: 'compute.vm.unavailable', kind: 'service', en: 'VM is unavailable or does not start', ru: 'ВМ недоступна или не запускается', type: 'incident', priority: 'high' },
        { code: 'compute.vm.resize', kind: 'service', en: 'Change VM configuration (flavour)', ru: 'Изменить конфигурацию ВМ (flavor)', type: 'service_request', priority: 'low' },
      ] },
    ] },
    { code: 'storage', kind: 'category', en: 'Storage', ru: 'Хранилище', children: [
      { code: 'storage.block', kind: 'group', en: 'Block storage (disks)', ru: 'Блочное хранилище (диски)', children: [
        { code: 'storage.block.io', kind: 'service', en: 'Disk performance or attach problems', ru: 'Проблемы с производительностью или подключением диска', type: 'incident', priority: 'medium' },
      ] },
      { code: 'storage.s3', kind: 'group', en: 'Object storage (S3)', ru: 'Объектное хранилище (S3)', children: [
        { code: 'storage.s3.access', kind: 'service', en: 'S3 access errors', ru: 'Ошибки доступа к S3', type: 'incident', priority: 'medium' },
      ] },
    ] },
    { code: 'network', kind: 'category', en: 'Network', ru: 'Сеть', children: [
      { code: 'network.connectivity', kind: 'group', en: 'Connectivity, VPC, load balancers', ru: 'Связность, VPC, балансировщики', children: [
        { code: 'network.connectivity.loss', kind: 'service', en: 'Packet loss or no connectivity', ru: 'Потери пакетов или нет связности', type: 'incident', priority: 'high' },
      ] },
    ] },
    { code: 'kubernetes', kind: 'category', en: 'Kubernetes', ru: 'Kubernetes', children: [
      { code: 'kubernetes.cluster', kind: 'group', en: 'Managed Kubernetes clusters', ru: 'Управляемые кластеры Kubernetes', children: [
        { code: 'kubernetes.cluster.issue', kind: 'service', en: 'Cluster or node problem', ru: 'Проблема с кластером или узлом', type: 'incident', priority: 'high' },
      ] },
    ] },
    { code: 'databases', kind: 'category', en: 'Managed databases', ru: 'Управляемые базы данных', children: [
      { code: 'databases.instance', kind: 'group', en: 'Database instances', ru: 'Инстансы БД', children: [
        { code: 'databases.instance.issue', kind: 'service', en: 'Database unavailable or slow', ru: 'БД недоступна или работает медленно', type: 'incident', priority: 'high' },
      ] },
    ] },
    { code: 'account', kind: 'category', en: 'Account', ru: 'Аккаунт', children: [
      { code: 'account.quotas', kind: 'group', en: 'Quotas and flavours', ru: 'Квоты и конфигурации', children: [
        { code: 'account.quotas.change', kind: 'service', en: 'Change quotas', ru: 'Изменить квоты', type: 'service_request', priority: 'low' },
      ] },
      { code: 'account.access', kind: 'group', en: 'Access and IAM', ru: 'Доступ и IAM', children: [
        { code: 'account.access.recovery', kind: 'service', en: 'Restore access to the account', ru: 'Восстановить доступ к аккаунту', type: 'access_recovery', priority: 'medium', team: 'L1-BILLING' },
      ] },
    ] },
    { code: 'billing', kind: 'category', en: 'Billing', ru: 'Биллинг', children: [
      { code: 'billing.charges', kind: 'group', en: 'Balance, charges and payments', ru: 'Баланс, начисления и оплата', children: [
        { code: 'billing.charges.question', kind: 'service', en: 'Question about charges', ru: 'Вопрос о начислениях', type: 'billing', priority: 'low', team: 'L1-BILLING' },
      ] },
    ] },
    { code: 'marketplace', kind: 'category', en: 'Marketplace', ru: 'Marketplace', children: [
      { code: 'marketplace.product', kind: 'group', en: 'Marketplace products', ru: 'Продукты Marketplace', children: [
        { code: 'marketplace.product.issue', kind: 'service', en: 'Problem with a Marketplace product', ru: 'Проблема с продуктом Marketplace', type: 'vendor', priority: 'medium' },
      ] },
    ] },
    { code: 'platform', kind: 'category', en: 'Platform', ru: 'Платформа', children: [
      { code: 'platform.console', kind: 'group', en: 'Console, API and docs', ru: 'Консоль, API и документация', children: [
        { code: 'platform.console.question', kind: 'service', en: 'How to use a service', ru: 'Как пользоваться сервисом', type: 'question', priority: 'low' },
        { code: 'platform.security.report', kind: 'service', en: 'Report a vulnerability or abuse', ru: 'Сообщить об уязвимости или злоупотреблении', type: 'security', priority: 'high', team: 'L3-SECURITY' },
      ] },
    ] },
  ] },
];

/** Inserts reference data into an empty database; a database that has lines already is left alone. */
export async function seedBase(db: Kysely<DB>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('lines').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const lineRows = await trx.insertInto('lines').values([...lines]).returning(['id', 'code']).execute();
    const lineId = (code: string) => lineRows.find((l) => l.code === code)?.id as string;
    await trx
      .insertInto('teams')
      .values(teams.map((t) => ({ line_id: lineId(t.line), code: t.code, name_en: t.name_en, name_ru: t.name_ru, confidential: t.confidential })))
      .execute();
    await trx.insertInto('support_plans').values([...plans]).execute();
    await insertMissingCatalogue(trx);
    await seedCatalogueForms(trx);
    await seedKnowledge(trx);
    return true;
  });
}

/**
 * Inserts the default catalogue tree's items whose code is missing (all of them on a new install), under
 * their parents by code; existing items are left as the administrator made them. Returns how many it added.
 */
export async function insertMissingCatalogue(trx: Kysely<DB> | Transaction<DB>): Promise<number> {
  const existing = new Map((await trx.selectFrom('catalogue_items').select(['id', 'code', 'sort']).execute()).map((r) => [r.code, r]));
  const l1 = await trx.selectFrom('lines').select('id').where('code', '=', 'L1').executeTakeFirst();
  const teamRows = await trx.selectFrom('teams').select(['id', 'code']).execute();
  let sort = existing.size === 0 ? 0 : Math.max(...[...existing.values()].map((r) => r.sort)) + 1;
  let added = 0;
  const insert = async (items: Item[], parentId: string | null) => {
    for (const it of items) {
      let id = existing.get(it.code)?.id;
      if (!id) {
        const teamCode = it.team ?? (it.kind === 'service' ? 'L1-DUTY' : undefined);
        const team = teamCode ? teamRows.find((t) => t.code === teamCode) : undefined;
        const row = await trx
          .insertInto('catalogue_items')
          .values({
            parent_id: parentId,
            code: it.code,
            kind: it.kind,
            name_en: it.en,
            name_ru: it.ru,
            default_type: it.type ?? null,
            default_priority: it.priority ?? null,
            default_line_id: it.kind === 'service' ? (l1?.id ?? null) : null,
            default_team_id: team?.id ?? null,
            sort: sort++,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        added++;
      }
      if (it.children) await insert(it.children, id);
    }
  };
  await insert(catalogue, null);
  return added;
}
