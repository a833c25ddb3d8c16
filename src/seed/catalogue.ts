import type { Kysely, Transaction } from 'kysely';
import type { DB, Priority, TicketType } from '../db/schema.js';
import { formDefinition, type FieldDefinition } from '../modules/catalogue/form-fields.js';

/**
 * The default catalogue's forms, and the services base.ts's tree does not have yet. Services that existed
 * before forms keep their escalation requirements (lines.default_escalation_requirements_by_item): their
 * bound fields (projectId, region, resourceIds, timeWindow, errorText) are marked to match, and their other
 * fields are optional, so requests registered against them stay valid.
 */

type Req = FieldDefinition['required'];
type Extra = Partial<Pick<FieldDefinition, 'helpEn' | 'helpRu' | 'options' | 'min' | 'max' | 'integer' | 'maxLength'>>;
const field = (name: string, type: FieldDefinition['type'], labelEn: string, labelRu: string, required: Req, extra: Extra = {}): FieldDefinition => ({
  name,
  type,
  labelEn,
  labelRu,
  helpEn: '',
  helpRu: '',
  required,
  ...extra,
});
const opt = (value: string, labelEn: string, labelRu: string) => ({ value, labelEn, labelRu });

const projectId = (r: Req = 'escalation') =>
  field('projectId', 'project_id', 'Project ID', 'ID проекта', r, { helpEn: "'mcs' and 10 digits, shown in the console's project menu", helpRu: "'mcs' и 10 цифр, указан в меню проекта в консоли" });
const region = (r: Req = 'escalation') =>
  field('region', 'region', 'Region or availability zone', 'Регион или зона доступности', r, { helpEn: 'e.g. Moscow or ru-msk-1', helpRu: 'например, Москва или ru-msk-1' });
const resourceIds = (en: string, ru: string, r: Req = 'escalation') =>
  field('resourceIds', 'uuid', en, ru, r, { helpEn: 'UUIDs from the console, one or several', helpRu: 'UUID из консоли, один или несколько' });
const timeWindow = (r: Req = 'escalation') =>
  field('timeWindow', 'time_window', 'When did it happen?', 'Когда это произошло?', r, { helpEn: 'From and to, as precisely as you can', helpRu: 'С какого и по какое время, как можно точнее' });
const errorText = (r: Req = 'escalation') =>
  field('errorText', 'text', 'Exact error text', 'Точный текст ошибки', r, { helpEn: 'Copy it from the console, API response or logs', helpRu: 'Скопируйте из консоли, ответа API или логов' });
const screenshot = () => field('screenshot', 'file', 'Screenshot or log file', 'Скриншот или файл логов', 'optional', { helpEn: 'Attach it to the request, then pick it here', helpRu: 'Приложите к обращению и выберите здесь' });

/** Forms by service code. */
export const catalogueForms: Record<string, FieldDefinition[]> = {
  'compute.vm.unavailable': [
    projectId(), region(), resourceIds('VM UUID', 'UUID виртуальной машины'), timeWindow(), errorText(),
    field('vmState', 'choice', 'VM state in the console', 'Состояние ВМ в консоли', 'optional', { options: [opt('ACTIVE', 'Active', 'Активна'), opt('SHUTOFF', 'Shut off', 'Выключена'), opt('ERROR', 'Error', 'Ошибка'), opt('UNKNOWN', 'Unknown', 'Неизвестно')] }),
    field('vmIp', 'ip', 'VM IP address', 'IP-адрес ВМ', 'optional'),
    screenshot(),
  ],
  'compute.vm.resize': [
    projectId(), region(), resourceIds('VM UUID', 'UUID виртуальной машины'),
    field('targetFlavour', 'string', 'New flavour', 'Новая конфигурация (flavor)', 'optional', { helpEn: 'e.g. STD3-4-8', helpRu: 'например, STD3-4-8', maxLength: 100 }),
    field('rebootWindow', 'time_window', 'When may the VM reboot?', 'Когда можно перезагрузить ВМ?', 'optional', { helpEn: 'A resize reboots the VM', helpRu: 'Смена конфигурации перезагружает ВМ' }),
  ],
  'compute.vm.console': [
    projectId('submit'), region(), resourceIds('VM UUID', 'UUID виртуальной машины'), timeWindow(), errorText(),
    field('accessMethod', 'choice', 'How do you connect?', 'Как вы подключаетесь?', 'submit', { options: [opt('ssh', 'SSH', 'SSH'), opt('rdp', 'RDP', 'RDP'), opt('vnc', 'Web console (VNC)', 'Веб-консоль (VNC)')] }),
    field('clientIp', 'ip', 'Your public IP address', 'Ваш публичный IP-адрес', 'optional'),
  ],
  'storage.block.io': [
    projectId(), region(), resourceIds('Disk UUID', 'UUID диска'), timeWindow(),
    field('diskType', 'choice', 'Disk type', 'Тип диска', 'optional', { options: [opt('ssd', 'SSD', 'SSD'), opt('hdd', 'HDD', 'HDD'), opt('nvme', 'High-IOPS NVMe', 'High-IOPS NVMe')] }),
    field('observedIops', 'number', 'Observed IOPS', 'Наблюдаемые IOPS', 'optional', { min: 0, integer: true }),
    errorText('optional'),
  ],
  'storage.block.snapshot': [
    projectId('submit'), region(), resourceIds('Disk or snapshot UUID', 'UUID диска или снимка'), timeWindow(), errorText(),
  ],
  'storage.s3.access': [
    projectId(), region(), timeWindow(), errorText(),
    field('bucket', 'string', 'Bucket name', 'Имя бакета', 'optional', { maxLength: 63 }),
    field('operations', 'multi_choice', 'Failing operations', 'Какие операции не работают', 'optional', { options: [opt('get', 'Read (GET)', 'Чтение (GET)'), opt('put', 'Write (PUT)', 'Запись (PUT)'), opt('list', 'List', 'Листинг'), opt('delete', 'Delete', 'Удаление')] }),
  ],
  'storage.s3.bucket': [
    projectId('submit'), region(),
    field('bucket', 'string', 'Bucket name', 'Имя бакета', 'submit', { maxLength: 63 }),
    field('setting', 'multi_choice', 'What to configure', 'Что настроить', 'submit', { options: [opt('cors', 'CORS', 'CORS'), opt('lifecycle', 'Lifecycle rules', 'Правила жизненного цикла'), opt('policy', 'Bucket policy', 'Политика бакета'), opt('versioning', 'Versioning', 'Версионирование')] }),
  ],
  'network.connectivity.loss': [
    projectId(), region(), resourceIds('VM, router or network UUID', 'UUID ВМ, роутера или сети'), timeWindow(),
    field('sourceIp', 'ip', 'Source IP', 'IP-адрес источника', 'optional'),
    field('destinationIp', 'ip', 'Destination IP', 'IP-адрес назначения', 'optional'),
    field('lossPercent', 'number', 'Packet loss, %', 'Потери пакетов, %', 'optional', { min: 0, max: 100 }),
    field('traceroute', 'text', 'mtr / traceroute output', 'Вывод mtr / traceroute', 'optional'),
  ],
  'network.ip.floating': [
    projectId('submit'), region('submit'),
    field('addressCount', 'number', 'How many addresses', 'Сколько адресов', 'submit', { min: 1, max: 32, integer: true }),
    field('ipVersion', 'choice', 'IP version', 'Версия IP', 'submit', { options: [opt('v4', 'IPv4', 'IPv4'), opt('v6', 'IPv6', 'IPv6')] }),
    field('purpose', 'text', 'What the addresses are for', 'Для чего нужны адреса', 'optional'),
  ],
  'network.lb.issue': [
    projectId(), region(), resourceIds('Load balancer UUID', 'UUID балансировщика'), timeWindow(), errorText(),
    field('listenerPort', 'number', 'Listener port', 'Порт листенера', 'optional', { min: 1, max: 65535, integer: true }),
  ],
  'kubernetes.cluster.issue': [
    projectId(), region(), resourceIds('Cluster UUID', 'UUID кластера'), timeWindow(), errorText(),
    field('k8sVersion', 'string', 'Kubernetes version', 'Версия Kubernetes', 'optional', { maxLength: 20, helpEn: 'e.g. 1.30.4', helpRu: 'например, 1.30.4' }),
    field('affectedNodes', 'text', 'Affected nodes', 'Затронутые узлы', 'optional'),
  ],
  'kubernetes.cluster.upgrade': [
    projectId('submit'), region(), resourceIds('Cluster UUID', 'UUID кластера', 'submit'),
    field('targetVersion', 'string', 'Target version', 'Целевая версия', 'submit', { maxLength: 20 }),
    field('maintenanceWindow', 'time_window', 'Maintenance window', 'Окно обслуживания', 'escalation'),
  ],
  'databases.instance.issue': [
    projectId(), region(), resourceIds('Database instance UUID', 'UUID инстанса БД'), timeWindow(), errorText(),
    field('engine', 'choice', 'Engine', 'СУБД', 'optional', { options: [opt('postgresql', 'PostgreSQL', 'PostgreSQL'), opt('mysql', 'MySQL', 'MySQL'), opt('redis', 'Redis', 'Redis'), opt('mongodb', 'MongoDB', 'MongoDB'), opt('clickhouse', 'ClickHouse', 'ClickHouse')] }),
  ],
  'databases.backup.restore': [
    projectId('submit'), region(), resourceIds('Database instance UUID', 'UUID инстанса БД', 'submit'),
    field('restorePoint', 'datetime', 'Restore to this moment', 'Восстановить на момент', 'submit'),
    field('targetInstance', 'choice', 'Restore into', 'Куда восстановить', 'submit', { options: [opt('new', 'A new instance', 'В новый инстанс'), opt('same', 'The same instance (overwrite)', 'В тот же инстанс (с перезаписью)')] }),
  ],
  'account.quotas.change': [
    projectId(), region(),
    field('quotas', 'multi_choice', 'Which quotas', 'Какие квоты', 'optional', { options: [opt('cores', 'vCPU', 'vCPU'), opt('ram', 'RAM', 'RAM'), opt('instances', 'Instances', 'Инстансы'), opt('volumes', 'Disks', 'Диски'), opt('gigabytes', 'Disk space', 'Объём дисков'), opt('floating_ips', 'Floating IPs', 'Плавающие IP')] }),
    field('newValues', 'text', 'New values', 'Новые значения', 'optional', { helpEn: 'e.g. vCPU 64, RAM 256 GB', helpRu: 'например, vCPU 64, RAM 256 ГБ' }),
  ],
  'account.quotas.flavour': [
    projectId('submit'), region('submit'),
    field('flavour', 'string', 'Flavour you need', 'Нужная конфигурация', 'submit', { maxLength: 100, helpEn: 'vCPU / RAM / GPU, or a flavour name', helpRu: 'vCPU / RAM / GPU или имя flavor' }),
    field('justification', 'text', 'What it is for', 'Для чего нужна', 'optional'),
  ],
  'account.access.recovery': [
    field('accountEmail', 'string', 'Account e-mail', 'E-mail аккаунта', 'submit', { maxLength: 320 }),
    field('identityProof', 'file', 'Identity proof (contract, payment document)', 'Подтверждение личности (договор, платёжный документ)', 'escalation', { helpEn: 'An engineer checks it before anything is reset', helpRu: 'Инженер проверит документ перед сбросом доступа' }),
  ],
  'account.access.2fa': [
    field('accountEmail', 'string', 'Account e-mail', 'E-mail аккаунта', 'submit', { maxLength: 320 }),
    field('lostSince', 'datetime', 'When the device was lost', 'Когда устройство было утеряно', 'optional'),
    field('identityProof', 'file', 'Identity proof', 'Подтверждение личности', 'escalation'),
  ],
  'account.access.iam': [
    projectId('submit'),
    field('userEmail', 'string', "The user's e-mail", 'E-mail пользователя', 'submit', { maxLength: 320 }),
    field('roles', 'multi_choice', 'Roles', 'Роли', 'submit', { options: [opt('viewer', 'Viewer', 'Наблюдатель'), opt('member', 'Member', 'Участник'), opt('admin', 'Project admin', 'Администратор проекта'), opt('billing', 'Billing', 'Биллинг')] }),
  ],
  'billing.charges.question': [
    field('contractNumber', 'string', 'Contract number', 'Номер договора', 'optional', { maxLength: 50 }),
    field('period', 'time_window', 'Billing period', 'Расчётный период', 'optional'),
    projectId('optional'),
  ],
  'billing.payment.missing': [
    field('contractNumber', 'string', 'Contract number', 'Номер договора', 'submit', { maxLength: 50 }),
    field('paidAt', 'datetime', 'Payment date', 'Дата оплаты', 'submit'),
    field('amount', 'number', 'Amount, RUB', 'Сумма, руб.', 'submit', { min: 0.01 }),
    field('paymentDocument', 'file', 'Payment order', 'Платёжное поручение', 'escalation'),
  ],
  'billing.documents': [
    field('contractNumber', 'string', 'Contract number', 'Номер договора', 'submit', { maxLength: 50 }),
    field('documents', 'multi_choice', 'Documents', 'Документы', 'submit', { options: [opt('invoice', 'Invoice', 'Счёт'), opt('act', 'Acceptance act', 'Акт'), opt('reconciliation', 'Reconciliation statement', 'Акт сверки')] }),
    field('period', 'time_window', 'Period', 'Период', 'optional'),
  ],
  'marketplace.product.issue': [
    projectId(), errorText(),
    field('product', 'string', 'Product name', 'Название продукта', 'optional', { maxLength: 200 }),
    resourceIds('Instance UUID', 'UUID инстанса', 'optional'),
  ],
  'marketplace.product.subscription': [
    projectId('submit'),
    field('product', 'string', 'Product name', 'Название продукта', 'submit', { maxLength: 200 }),
    field('question', 'choice', 'Topic', 'Тема', 'submit', { options: [opt('licence', 'Licence', 'Лицензия'), opt('price', 'Price', 'Стоимость'), opt('cancel', 'Cancel the subscription', 'Отмена подписки')] }),
  ],
  'platform.console.question': [field('service', 'string', 'Which service', 'Какой сервис', 'optional', { maxLength: 100 })],
  'platform.api.error': [
    projectId(), region(), timeWindow(), errorText(),
    field('requestId', 'uuid', 'Request ID from the API response', 'ID запроса из ответа API', 'optional', { helpEn: 'The X-Openstack-Request-Id header without the req- prefix', helpRu: 'Заголовок X-Openstack-Request-Id без префикса req-' }),
    field('endpoint', 'string', 'API method and URL', 'Метод и URL API', 'optional', { maxLength: 500 }),
  ],
  'platform.security.report': [
    field('affected', 'text', 'What is affected', 'Что затронуто', 'optional'),
    field('sourceIp', 'ip', 'Source IP of the activity', 'IP-адрес источника активности', 'optional'),
    field('observedAt', 'datetime', 'When it was observed', 'Когда замечено', 'optional'),
  ],
};

interface NewService {
  parent: string;
  code: string;
  en: string;
  ru: string;
  type: TicketType;
  priority: Priority;
  team?: string;
}

/** Services added to base.ts's groups, so every area of the cloud has its typical requests. */
export const extraServices: NewService[] = [
  { parent: 'compute.vm', code: 'compute.vm.console', en: 'Cannot connect to a VM (SSH, RDP, console)', ru: 'Не удаётся подключиться к ВМ (SSH, RDP, консоль)', type: 'incident', priority: 'medium' },
  { parent: 'storage.block', code: 'storage.block.snapshot', en: 'Restore a disk from a snapshot or backup', ru: 'Восстановить диск из снимка или резервной копии', type: 'service_request', priority: 'medium' },
  { parent: 'storage.s3', code: 'storage.s3.bucket', en: 'S3 bucket settings (CORS, lifecycle, policy)', ru: 'Параметры бакета S3 (CORS, жизненный цикл, политика)', type: 'service_request', priority: 'low' },
  { parent: 'network.connectivity', code: 'network.ip.floating', en: 'Public (floating) IP addresses', ru: 'Публичные (плавающие) IP-адреса', type: 'service_request', priority: 'low' },
  { parent: 'network.connectivity', code: 'network.lb.issue', en: 'Load balancer does not distribute traffic', ru: 'Балансировщик не распределяет трафик', type: 'incident', priority: 'high' },
  { parent: 'kubernetes.cluster', code: 'kubernetes.cluster.upgrade', en: 'Upgrade a cluster', ru: 'Обновить кластер', type: 'service_request', priority: 'low' },
  { parent: 'databases.instance', code: 'databases.backup.restore', en: 'Restore a database from a backup', ru: 'Восстановить БД из резервной копии', type: 'service_request', priority: 'high' },
  { parent: 'account.quotas', code: 'account.quotas.flavour', en: 'Get a special flavour (GPU, large RAM)', ru: 'Получить особую конфигурацию (GPU, большой объём RAM)', type: 'service_request', priority: 'low' },
  { parent: 'account.access', code: 'account.access.2fa', en: 'Lost two-factor authentication device', ru: 'Утеряно устройство двухфакторной аутентификации', type: 'access_recovery', priority: 'medium', team: 'L1-BILLING' },
  { parent: 'account.access', code: 'account.access.iam', en: 'Users and roles in a project', ru: 'Пользователи и роли в проекте', type: 'service_request', priority: 'low' },
  { parent: 'billing.charges', code: 'billing.payment.missing', en: 'A payment has not been credited', ru: 'Платёж не зачислен', type: 'billing', priority: 'medium', team: 'L1-BILLING' },
  { parent: 'billing.charges', code: 'billing.documents', en: 'Invoices and closing documents', ru: 'Счета и закрывающие документы', type: 'billing', priority: 'low', team: 'L1-BILLING' },
  { parent: 'marketplace.product', code: 'marketplace.product.subscription', en: 'Marketplace subscription or licence', ru: 'Стоимость, лицензия или подписка в Marketplace', type: 'vendor', priority: 'low' },
  { parent: 'platform.console', code: 'platform.api.error', en: 'Console or API error', ru: 'Ошибка консоли или API', type: 'incident', priority: 'medium' },
];

/**
 * Adds the extra services and version 1 of the default form of every service that has no form yet (all of
 * them on a new install, after seedBase's tree). Returns how many services and forms it added.
 */
export async function seedCatalogueForms(trx: Transaction<DB> | Kysely<DB>): Promise<{ services: number; forms: number }> {
  const items: Array<{ id: string; code: string; sort: number; form_id: string | null }> = await trx.selectFrom('catalogue_items').select(['id', 'code', 'sort', 'form_id']).execute();
  let services = 0;
  let forms = 0;
  const l1 = await trx.selectFrom('lines').select('id').where('code', '=', 'L1').executeTakeFirst();
  const teams = await trx.selectFrom('teams').select(['id', 'code']).execute();
  let sort = Math.max(0, ...items.map((i) => i.sort)) + 1;
  for (const s of extraServices) {
    const parent = items.find((i) => i.code === s.parent);
    if (!parent || items.some((i) => i.code === s.code)) continue;
    const row = await trx
      .insertInto('catalogue_items')
      .values({
        parent_id: parent.id,
        code: s.code,
        kind: 'service',
        name_en: s.en,
        name_ru: s.ru,
        default_type: s.type,
        default_priority: s.priority,
        default_line_id: l1?.id ?? null,
        default_team_id: teams.find((t) => t.code === (s.team ?? 'L1-DUTY'))?.id ?? null,
        sort: sort++,
      })
      .returning(['id', 'code', 'sort', 'form_id'])
      .executeTakeFirstOrThrow();
    items.push(row);
    services++;
  }
  for (const [code, fields] of Object.entries(catalogueForms)) {
    const item = items.find((i) => i.code === code);
    if (!item || item.form_id) continue;
    const form = await trx
      .insertInto('catalogue_forms')
      .values({ catalogue_item_id: item.id, version: 1, fields: JSON.stringify(formDefinition.parse(fields)), comment: 'Default form' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('catalogue_items').set({ form_id: form.id }).where('id', '=', item.id).execute();
    forms++;
  }
  return { services, forms };
}
