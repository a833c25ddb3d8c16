/**
 * Generates data/classifier/corpus.jsonl from scenarios.ts: fills slots with realistic values,
 * wraps requests in greetings/sign-offs of different tones, mixes languages and injects typos,
 * so the model learns the topic words rather than one template's phrasing.
 * Run: npx tsx data/classifier/generate.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './scenarios.js';
import type { Priority, Scenario } from './scenarios.js';

let seed = 20240917;
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const hex = (n: number): string => Array.from({ length: n }, () => pick([...'0123456789abcdef'])).join('');
const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');

const SLOTS: Record<string, () => string> = {
  uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  project: () => `mcs${digits(10)}`,
  ip: () => `${pick(['89.208', '95.163', '185.86', '212.233', '10.0', '192.168'])}.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}`,
  region: () => pick(['Москва', 'Moscow', 'ru-msk', 'Казахстан', 'kz-1', 'ru-spb']),
  az: () => pick(['GZ1', 'MS1', 'ME1', 'ru-msk-a', 'kz-1b']),
  time: () => pick(['14:05', '3 часов ночи', 'утра', 'вчерашнего вечера', '10:40 МСК', 'последних 20 минут']),
  time_en: () => pick(['14:05 UTC', '3am', 'this morning', 'last night', '10:40 MSK', 'about 20 minutes ago']),
  flavor: () => pick(['STD3-4-8', 'STD2-2-4', 'Basic-1-2-20', 'STD3-8-32', 'HighCPU-16-32', '8 vCPU / 32 GB']),
  n: () => String(pick([2, 3, 5, 8, 12, 16, 20, 40, 64, 100, 128])),
  n2: () => String(pick([64, 128, 256, 512])),
  k8s: () => pick(['1.27', '1.28', '1.29', '1.30', 'v1.31.2']),
  db: () => pick(['PostgreSQL 15', 'PostgreSQL 16', 'MySQL 8.0', 'ClickHouse', 'Redis', 'MongoDB', 'postgres']),
  bucket: () => pick(['backups-prod', 'media', 'static-assets', 'logs-2024', 'client-docs']),
  amount: () => pick(['12 400 ₽', '3 999 руб', '$250', '1 500 р.', '87 000 рублей']),
  month: () => pick(['март', 'прошлый месяц', 'третий квартал', 'октябрь']),
  month_en: () => pick(['March', 'last month', 'Q3', 'October']),
  email: () => `${pick(['ivan', 'admin', 'devops', 'a.petrova', 'it'])}@${pick(['example.ru', 'corp.com', 'mail.ru', 'shop.kz'])}`,
  product: () => pick(['GitLab', '1С-Битрикс', 'Kaspersky Security', 'Zabbix', 'OpenVPN Access Server', 'Nextcloud']),
  db_error: () => pick([
    'FATAL: the database system is in recovery mode',
    'could not connect to server: Connection refused',
    'ERROR 2003 (HY000): Can\'t connect to MySQL server (111)',
    'MongoServerSelectionError: connect ECONNREFUSED',
  ]),
  kubectl_nodes: () => [
    'NAME                 STATUS     ROLES    AGE   VERSION',
    `prod-ng-${hex(4)}    NotReady   <none>   ${digits(2)}d   v1.28.${digits(1)}`,
    `prod-ng-${hex(4)}    NotReady   <none>   ${digits(2)}d   v1.28.${digits(1)}`,
    `prod-ng-${hex(4)}    Ready      <none>   ${digits(2)}d   v1.28.${digits(1)}`,
  ].join('\n'),
  kubectl_pods: () => [
    'NAME                          READY   STATUS             RESTARTS   AGE',
    `api-${hex(9)}-${hex(5)}   0/1     CrashLoopBackOff   ${digits(2)}         ${digits(2)}m`,
    `worker-${hex(9)}-${hex(5)}   0/1     CrashLoopBackOff   ${digits(1)}          ${digits(1)}m`,
  ].join('\n'),
  kubectl_pvc: () => [
    'NAME       STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS',
    `data-pg-0  Pending                                      csi-ceph-ssd-${pick(['gz1', 'ms1'])}`,
    'Warning  ProvisioningFailed  failed to provision volume: rpc error: code = Internal',
  ].join('\n'),
  api_trace: () => [
    `POST /v2.1/servers -> 500 {"computeFault": {"code": 500, "message": "Unexpected API Error."}}`,
    `X-Openstack-Request-Id: req-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  ].join('\n'),
};

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => SLOTS[name]?.() ?? m);
}

const GREET_RU = ['', '', 'Здравствуйте! ', 'Добрый день. ', 'Привет, ', 'Коллеги, добрый вечер! ', 'Добрый день, поддержка! '];
const GREET_EN = ['', '', 'Hello, ', 'Hi team, ', 'Dear support, ', 'Good morning. '];
const SIGN_RU = ['', '', ' Спасибо.', ' С уважением, Иван', ' Жду ответа.', ' Заранее спасибо!'];
const SIGN_EN = ['', '', ' Thanks.', ' Best regards, Anna', ' Thanks in advance!', ' Cheers'];
const URGENT: Record<Priority, { ru: string[]; en: string[] }> = {
  critical: {
    ru: ['', ' Срочно!!!', ' Прод лежит, клиенты не могут работать.', ' Теряем деньги каждую минуту!'],
    en: ['', ' URGENT!!!', ' Production is down, customers cannot work.', ' We are losing money every minute!'],
  },
  high: {
    ru: ['', ' Очень нужно побыстрее.', ' Работа сильно замедлилась.', ' Это уже второй раз за неделю!'],
    en: ['', ' Please look asap.', ' Our work is seriously slowed down.', ' Second time this week!'],
  },
  medium: { ru: ['', ' Сервис в целом работает.', ''], en: ['', ' Things still mostly work.', ''] },
  low: { ru: ['', ' Не срочно.', ''], en: ['', ' No rush.', ''] },
};
const CONTEXT_RU = ['', '', ' Проект {project}.', ' Регион {region}.', ' ID ВМ {uuid}.'];
const CONTEXT_EN = ['', '', ' Project {project}.', ' Region {region}.', ' Resource id {uuid}.'];

function typo(text: string): string {
  const words = text.split(' ');
  const i = Math.floor(rand() * words.length);
  const w = words[i] ?? '';
  if (w.length < 5 || /[{}_\d]/.test(w)) return text;
  const p = 1 + Math.floor(rand() * (w.length - 2));
  const op = rand();
  words[i] = op < 0.33 ? w.slice(0, p) + w.slice(p + 1)
    : op < 0.66 ? w.slice(0, p - 1) + (w[p] ?? '') + (w[p - 1] ?? '') + w.slice(p + 1)
      : w.slice(0, p) + (w[p] ?? '') + w.slice(p);
  return words.join(' ');
}

function variant(sc: Scenario, lang: 'ru' | 'en'): string {
  const picked = pick(lang === 'ru' ? sc.ru : sc.en);
  const base = /[.!?)»\n]$/.test(picked) ? picked : `${picked}.`;
  let text = (lang === 'ru' ? pick(GREET_RU) : pick(GREET_EN))
    + base
    + pick(lang === 'ru' ? CONTEXT_RU : CONTEXT_EN)
    + pick(URGENT[sc.priority][lang])
    + (lang === 'ru' ? pick(SIGN_RU) : pick(SIGN_EN));
  text = fill(text);
  const r = rand();
  if (r < 0.25) text = typo(typo(text));
  else if (r < 0.35) text = text.toLowerCase();
  else if (r < 0.38 && sc.priority === 'critical') text = text.toUpperCase();
  return text.trim();
}

const here = path.dirname(fileURLToPath(import.meta.url));
const seen = new Set<string>();
const lines: string[] = [];
for (const sc of SCENARIOS) {
  const templates = sc.ru.length + sc.en.length;
  const want = Math.max(12, templates * 3);
  for (let tries = 0, made = 0; made < want && tries < want * 5; tries++) {
    // Russian is the main language of the desk, English the second.
    const text = variant(sc, rand() < 0.62 ? 'ru' : 'en');
    if (seen.has(text)) continue;
    seen.add(text);
    made++;
    lines.push(JSON.stringify({ text, type: sc.type, service: sc.service, priority: sc.priority, line: sc.line }));
  }
}
// Hand-written requests carry the styles templates can't: one-liners, rants, bare stack traces.
for (const line of readFileSync(path.join(here, 'handwritten.jsonl'), 'utf8').split('\n')) {
  if (line.trim()) lines.push(line.trim());
}
writeFileSync(path.join(here, 'corpus.jsonl'), lines.join('\n') + '\n');
console.warn(`wrote ${lines.length} examples`);
