/**
 * Request scenarios for the default training corpus. Each one fixes the labels; the templates
 * vary wording, language and pasted output. `{slot}` placeholders are filled by generate.ts.
 * Over 400 lines because it is data, not logic: splitting it would only scatter the catalogue.
 */
export type Type =
  | 'incident' | 'question' | 'service_request' | 'billing' | 'access_recovery' | 'vendor' | 'feedback' | 'security';
export type Service =
  | 'compute' | 'block_storage' | 'object_storage' | 'network' | 'kubernetes' | 'databases' | 'billing' | 'account'
  | 'quotas' | 'marketplace' | 'platform';
export type Priority = 'critical' | 'high' | 'medium' | 'low';
export type Line = 'L1' | 'L2' | 'L3';

export interface Scenario {
  type: Type;
  service: Service;
  priority: Priority;
  line: Line;
  ru: string[];
  en: string[];
}

const s = (type: Type, service: Service, priority: Priority, line: Line, ru: string[], en: string[]): Scenario =>
  ({ type, service, priority, line, ru, en });

export const SCENARIOS: Scenario[] = [
  // ---- compute incidents
  s('incident', 'compute', 'high', 'L1', [
    'ВМ {uuid} не отвечает по ssh с {time}, в консоли статус ACTIVE, ping не проходит',
    'виртуалка перестала быть доступна, ssh: connect to host {ip} port 22: Connection timed out. проект {project}',
    'После перезагрузки сервер не поднимается, в VNC висит на "Booting from Hard Disk..."',
    'не могу зайти на машину {ip}, вчера всё работало. регион {region}',
    'Инстанс упал, перезапуск из консоли не помогает',
  ], [
    'VM {uuid} is unreachable over SSH since {time_en}, status is ACTIVE but no ping',
    'our instance stopped responding after reboot, console shows "Booting from Hard Disk..." forever',
    'Cannot connect to server {ip}: ssh: connect to host {ip} port 22: Connection refused. Worked yesterday',
  ]),
  s('incident', 'compute', 'critical', 'L3', [
    'У нас в {region} лежат все виртуальные машины сразу, {n} штук, прод недоступен!!!',
    'Массово отвалились все ВМ в зоне {az}, у соседей то же самое, что у вас происходит?',
    'СРОЧНО! все сервера в проекте {project} в статусе ERROR, бизнес стоит',
  ], [
    'ALL our VMs in {az} went down at the same time, production is completely down',
    'Every instance in region {region} is unreachable, looks like an outage on your side. Business is blocked!',
    'URGENT: hypervisor failure? {n} servers in ERROR state simultaneously, nothing works',
  ]),
  s('incident', 'compute', 'medium', 'L2', [
    'ВМ {uuid} застряла в статусе RESIZE после смены флейвора на {flavor}, уже {n} минут',
    'Машина периодически тормозит, steal time по top доходит до 40%, при этом нагрузка небольшая',
    'после миграции инстанс стал медленнее работать, диск и cpu проседают',
    'Не удаляется сервер, висит в deleting со вчерашнего дня',
  ], [
    'Instance stuck in RESIZE / VERIFY_RESIZE after changing flavor to {flavor}',
    'High CPU steal on our VM (top shows st 35%), the app is slow but load is low',
    'server cannot be deleted, task_state stays "deleting" for hours',
  ]),
  s('incident', 'compute', 'low', 'L1', [
    'Не открывается VNC консоль в личном кабинете, пишет "Failed to connect to server (code: 1006)"',
    'в списке ВМ неправильно отображается имя сервера, мелочь, но неприятно',
  ], [
    'noVNC console shows "Failed to connect to server (code: 1006)", the VM itself works fine',
    'VM list shows wrong tag on one server, cosmetic issue',
  ]),
  // ---- block storage incidents
  s('incident', 'block_storage', 'high', 'L2', [
    'Диск {uuid} завис в статусе attaching и не подключается к ВМ',
    'Том не отключается от сервера, статус detaching уже час, ВМ стоит',
    'после расширения диска до {n} ГБ виртуалка не видит новый размер, а теперь ещё и не грузится',
    'I/O error на томе: blk_update_request: I/O error, dev vdb, sector 123456. база встала',
  ], [
    'Volume {uuid} stuck in "attaching" and never shows up in the VM',
    'cinder volume stuck detaching, cannot start the instance without it',
    'kernel: blk_update_request: I/O error, dev vdb — our disk throws IO errors, database stopped',
  ]),
  s('incident', 'block_storage', 'medium', 'L2', [
    'Очень медленный диск: fio показывает {n} IOPS вместо заявленных для SSD',
    'снапшот диска уже {n} часов в статусе creating',
    'Высокая латентность на сетевом диске, iowait 60%',
  ], [
    'Disk latency is very high, iostat await 200ms on an SSD volume',
    'Volume snapshot has been in "creating" for {n} hours',
    'fio shows far fewer IOPS than the high-iops volume type promises',
  ]),
  // ---- object storage
  s('incident', 'object_storage', 'medium', 'L1', [
    'При загрузке в бакет получаем SignatureDoesNotMatch, ключи не меняли',
    'aws s3 cp падает с ошибкой An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    's3 отдаёт 403 на объекты, которые ещё утром открывались по публичной ссылке',
  ], [
    'S3 returns SignatureDoesNotMatch on upload, we did not rotate keys',
    'aws s3 cp fails: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    'Public links to objects in bucket {bucket} now return 403 Forbidden',
  ]),
  s('incident', 'object_storage', 'critical', 'L3', [
    'Объектное хранилище не работает: на любые запросы 503 Slow Down / 500 InternalError, у всех наших сервисов',
    'S3 полностью недоступен с {time}, сайт без картинок, клиенты жалуются',
  ], [
    'Object storage is down: every request returns 503 / InternalError since {time_en}, all our services affected',
    'S3 endpoint keeps timing out for our whole team, a full storage outage',
  ]),
  s('incident', 'object_storage', 'medium', 'L2', [
    'Очень медленная multipart загрузка в S3, скорость {n} КБ/с',
    'листинг бакета с миллионом объектов отваливается по таймауту',
  ], [
    'Multipart uploads to S3 are extremely slow, {n} KB/s',
    'ListObjectsV2 on a large bucket times out with 504 Gateway Timeout',
  ]),
  // ---- network
  s('incident', 'network', 'high', 'L1', [
    'Плавающий IP {ip} перестал отвечать, внутри сети ВМ доступна',
    'нет интернета на виртуалке после изменения группы безопасности, откатили — всё равно нет',
    'Не пингуется внешний адрес {ip}, проект {project}',
  ], [
    'Floating IP {ip} stopped responding, the VM is reachable from inside the network',
    'no outbound internet from the VM, curl: (7) Failed to connect to ... Connection timed out',
  ]),
  s('incident', 'network', 'high', 'L2', [
    'Балансировщик отдаёт 502 Bad Gateway, бэкенды живые и отвечают напрямую',
    'LB периодически возвращает 504 Gateway Time-out, health check зелёный',
    'упал VPN туннель между офисом и облаком, IPsec не поднимается, phase 1 negotiation failed',
    'Внутри VPC не резолвятся имена, DNS timeout',
  ], [
    'Load balancer returns 502 Bad Gateway while the backends answer fine directly',
    'Our LB keeps returning 504 Gateway Timeout, health checks are green',
    'site-to-site VPN tunnel is down, IKE phase 1 negotiation failed',
    'DNS resolution inside the VPC fails: ;; connection timed out; no servers could be reached',
  ]),
  s('incident', 'network', 'critical', 'L3', [
    'Большие потери пакетов во всём регионе {region}, mtr показывает 50% loss на вашем узле',
    'У всех наших ВМ пропала сеть одновременно, похоже на авария у провайдера',
  ], [
    'Massive packet loss across the whole {region} region, mtr shows 50% loss inside your network',
    'network outage: all our VMs lost connectivity at {time_en}, other customers report the same',
  ]),
  // ---- kubernetes
  s('incident', 'kubernetes', 'critical', 'L2', [
    'Не отвечает API кластера Kubernetes: Unable to connect to the server: dial tcp {ip}:6443: i/o timeout, прод стоит',
    'kubectl get nodes -> The connection to the server {ip}:6443 was refused. Кластер {uuid} мёртв',
    'мастер-ноды кластера недоступны, деплой невозможен, срочно',
  ], [
    'kubectl: Unable to connect to the server: dial tcp {ip}:6443: i/o timeout — cluster API is down, production blocked',
    'Our managed k8s control plane is unavailable, cannot deploy anything. cluster id {uuid}',
  ]),
  s('incident', 'kubernetes', 'high', 'L2', [
    'Ноды кластера в статусе NotReady:\n{kubectl_nodes}',
    'поды не стартуют, висят в ContainerCreating, в events: FailedAttachVolume',
    'PVC в Pending, storageclass csi-ceph-ssd не создаёт том\n{kubectl_pvc}',
    'Обновление кластера с {k8s} зависло, половина нод на старой версии',
  ], [
    'Worker nodes went NotReady:\n{kubectl_nodes}',
    'pods stuck in ContainerCreating with FailedAttachVolume / FailedMount events',
    'PersistentVolumeClaim stays Pending:\n{kubectl_pvc}',
    'cluster upgrade from {k8s} is stuck, half of the nodes are still on the old version',
  ]),
  s('incident', 'kubernetes', 'medium', 'L2', [
    'Поды в CrashLoopBackOff после перезапуска ноды, логи пустые\n{kubectl_pods}',
    'ingress-nginx периодически отдаёт 503, не понимаем почему',
    'autoscaler не добавляет ноды хотя поды Pending: 0/3 nodes are available: insufficient cpu',
  ], [
    'Pods in CrashLoopBackOff after the node restart:\n{kubectl_pods}',
    'cluster autoscaler does not scale up: 0/3 nodes are available: 3 Insufficient cpu',
    'ImagePullBackOff when pulling from your registry, x509: certificate signed by unknown authority',
  ]),
  // ---- databases
  s('incident', 'databases', 'critical', 'L2', [
    'Управляемая база {db} недоступна, приложение лежит: {db_error}',
    'Инстанс БД не стартует после обновления, прод стоит. Кластер {uuid}',
  ], [
    'Managed {db} instance is down, the whole application is offline: {db_error}',
    'database cluster {uuid} does not come back after maintenance, production outage',
  ]),
  s('incident', 'databases', 'high', 'L1', [
    'Не можем подключиться к базе: FATAL: sorry, too many clients already',
    'psql: error: connection to server at "{ip}", port 5432 failed: timeout expired',
    'кончилось место на диске БД, запись не идёт: could not extend file: No space left on device',
  ], [
    'Cannot connect to our database: FATAL: sorry, too many clients already',
    'psql: error: connection to server at "{ip}", port 5432 failed: Connection refused',
    'DB disk is full, writes fail: ERROR: could not extend file: No space left on device',
  ]),
  s('incident', 'databases', 'medium', 'L2', [
    'Реплика {db} отстаёт от мастера на {n} секунд',
    'Не сделался ночной бэкап базы, в консоли статус failed',
    'запросы к базе стали в разы медленнее после переключения на реплику',
  ], [
    'Replica lag on our {db} cluster keeps growing, now {n} seconds',
    'Last night automated backup of the database failed',
    'queries became much slower after the failover to the replica',
  ]),
  // ---- platform
  s('incident', 'platform', 'high', 'L3', [
    'Личный кабинет отдаёт 500 Internal Server Error при открытии раздела «Облачные серверы»',
    'API возвращает 500 на создание сервера, воспроизводится всегда, похоже на баг\n{api_trace}',
    'В консоли не грузится ни одна страница, белый экран, у всех коллег',
  ], [
    'The cloud console returns 500 Internal Server Error on the instances page for everyone in our company',
    'Nova API responds 500 on every server create — looks like a bug on your side\n{api_trace}',
  ]),
  s('incident', 'platform', 'medium', 'L2', [
    'terraform apply падает: Error: Error creating OpenStack server: Expected HTTP response code [202] when accessing [POST ...], but got 409',
    'openstack token issue возвращает 401 The request you have made requires authentication, хотя пароль верный',
    'Не работает выгрузка отчёта в личном кабинете, кнопка крутится бесконечно',
  ], [
    'terraform apply fails: Error creating OpenStack server: Expected HTTP response code [202] but got 409',
    'openstack CLI: The request you have made requires authentication. (HTTP 401) although the credentials are correct',
  ]),
  // ---- questions
  s('question', 'compute', 'low', 'L1', [
    'Подскажите, чем отличаются флейворы {flavor} и High-CPU? Что выбрать под 1С?',
    'как сделать снапшот виртуальной машины перед обновлением?',
    'Можно ли поменять ОС на уже созданной ВМ без потери данных?',
    'Есть ли у вас ВМ с GPU и как их заказать?',
  ], [
    'What is the difference between {flavor} and the high-CPU flavors? Which one for a Java backend?',
    'How do I take a snapshot of a VM before an upgrade?',
    'Do you offer GPU instances, and how can we get one?',
  ]),
  s('question', 'block_storage', 'low', 'L1', [
    'Какие лимиты IOPS у дисков SSD и High-IOPS? Где это описано?',
    'можно ли расширить системный диск без остановки ВМ?',
  ], [
    'What are the IOPS limits of SSD vs High-IOPS volumes?',
    'can a boot volume be extended without stopping the VM?',
  ]),
  s('question', 'object_storage', 'low', 'L1', [
    'Как настроить aws cli для работы с вашим S3? какой endpoint указать?',
    'Подскажите, поддерживается ли lifecycle policy и версионирование в бакетах?',
    'как сделать временную ссылку на скачивание файла из бакета',
  ], [
    'How do I configure aws cli for your S3, which endpoint and region should I use?',
    'Does object storage support lifecycle rules and bucket versioning?',
    'how to generate a presigned URL for an object?',
  ]),
  s('question', 'network', 'low', 'L1', [
    'Как связать две сети из разных проектов? VPC peering есть?',
    'подскажите, как открыть порт 443 в группе безопасности',
    'Можно ли зафиксировать внешний IP, чтобы он не менялся после пересоздания ВМ?',
  ], [
    'How can I connect two networks from different projects, is there VPC peering?',
    'how do I open port 443 in a security group?',
  ]),
  s('question', 'kubernetes', 'low', 'L1', [
    'Какие версии Kubernetes у вас сейчас поддерживаются и когда будет {k8s}?',
    'как настроить ingress с сертификатом Let\'s Encrypt в вашем кубере?',
    'Подскажите, как подключить автоскейлинг групп узлов',
  ], [
    'Which Kubernetes versions are supported and when will {k8s} be available?',
    'How do I set up an ingress controller with cert-manager on your managed Kubernetes?',
    'How does node group autoscaling work, can it scale to zero?',
  ]),
  s('question', 'databases', 'low', 'L1', [
    'Как подключиться к управляемому {db} по SSL? где взять сертификат?',
    'Как восстановить базу из бэкапа на определённый момент времени?',
    'Какие расширения PostgreSQL доступны? нужен postgis',
  ], [
    'How do I connect to managed {db} with SSL, where is the CA certificate?',
    'How to restore the database to a point in time from a backup?',
    'Which PostgreSQL extensions are available? we need pg_trgm and postgis',
  ]),
  s('question', 'platform', 'low', 'L1', [
    'Где найти документацию по API? Нужно создавать ВМ из скрипта',
    'Есть ли terraform провайдер и где взять openrc файл?',
  ], [
    'Where is the API documentation? we want to automate server creation',
    'Is there a Terraform provider, and where do I download the openrc file?',
  ]),
  s('question', 'account', 'low', 'L1', [
    'Как добавить коллегу в проект с правами только на чтение?',
    'Какие роли бывают у пользователей проекта?',
  ], [
    'How can I invite a colleague to the project with read-only access?',
    'What roles can project members have?',
  ]),
  s('question', 'billing', 'low', 'L1', [
    'Как тарифицируется остановленная ВМ? платим ли за диск?',
    'Можно ли оплачивать по безналу от юрлица? какие способы оплаты есть',
    'подскажите, как посмотреть детализацию расходов по проектам',
  ], [
    'How is a stopped VM billed, do we still pay for the disk?',
    'Which payment methods do you accept? Can a company pay by bank transfer?',
    'how can I see the cost breakdown per project?',
  ]),
  // ---- service requests
  s('service_request', 'quotas', 'low', 'L1', [
    'Прошу увеличить квоту на vCPU до {n} и RAM до {n2} ГБ в проекте {project}, регион {region}',
    'Нужно поднять лимит на количество дисков и плавающих IP, проект {project}',
    'увеличьте пожалуйста квоты: instances 50, cores 200, ram 512000. Проект {project}',
    'Не хватает квоты на создание кластера, просим расширить до {n} ядер',
  ], [
    'Please increase the vCPU quota to {n} and RAM to {n2} GB for project {project} in {region}',
    'We need more floating IPs and volumes, please raise the quotas for {project}',
    'Quota exceeded for cores: Requested 8, but already used 20 of 24 cores. Can you raise it to {n}?',
  ]),
  s('service_request', 'compute', 'low', 'L1', [
    'Прошу сменить конфигурацию ВМ {uuid} на {flavor}, перезагрузка допустима ночью',
    'Нужно перенести сервер в другую зону доступности {az}',
  ], [
    'Please resize VM {uuid} to {flavor}, a reboot at night is fine',
    'can you migrate our server to availability zone {az}?',
  ]),
  s('service_request', 'network', 'low', 'L1', [
    'Прошу настроить PTR запись для {ip} -> mail.example.ru',
    'Нужен дополнительный блок публичных адресов /29',
  ], [
    'Please set a PTR (reverse DNS) record for {ip} to mail.example.com',
    'We would like an additional /29 of public IPs',
  ]),
  s('service_request', 'kubernetes', 'low', 'L1', [
    'Включите, пожалуйста, GPU ноды для нашего кластера {uuid}',
    'прошу включить доступ к бета-функции autoscaling to zero в проекте {project}',
  ], [
    'Please enable GPU node groups for our cluster {uuid}',
    'could you enable the beta feature for node pools scaling to zero on {project}',
  ]),
  s('service_request', 'databases', 'low', 'L1', [
    'Прошу поменять max_connections на 500 в нашем кластере {db}',
    'Нужно продлить хранение бэкапов базы до 30 дней',
  ], [
    'Please change max_connections to 500 on our managed {db}',
    'We need backup retention extended to 30 days',
  ]),
  s('service_request', 'account', 'low', 'L1', [
    'Прошу перенести проект {project} на другой аккаунт нашей компании',
    'Удалите, пожалуйста, наш аккаунт и все данные',
    'нужно сменить владельца аккаунта, старый сотрудник уходит',
  ], [
    'Please transfer project {project} to another account of our company',
    'Please close our account and delete all data',
  ]),
  // ---- billing
  s('billing', 'billing', 'medium', 'L1', [
    'С карты списали дважды {amount}, прошу вернуть лишнее',
    'Оплатили счёт {n} дней назад по безналу, а деньги на баланс так и не поступили',
    'Почему выставлен счёт за ВМ, которую мы удалили ещё в прошлом месяце?',
    'Списания выросли в 3 раза без изменений инфраструктуры, объясните',
  ], [
    'We were charged {amount} twice, please refund the duplicate payment',
    'Paid the invoice by bank transfer {n} days ago but the balance has not been topped up',
    'Why are we billed for a VM deleted last month?',
  ]),
  s('billing', 'billing', 'high', 'L1', [
    'Баланс ушёл в минус и вы заблокировали ресурсы! Деньги уже отправили, разблокируйте срочно',
    'Из-за задолженности остановили все серверы, платёж в пути, включите обратно',
  ], [
    'Our balance went negative and resources were suspended! Payment is already sent, please unblock ASAP',
    'all servers stopped because of an unpaid balance, we paid just now, please restore',
  ]),
  s('billing', 'billing', 'low', 'L1', [
    'Пришлите, пожалуйста, закрывающие документы (акты, счета-фактуры) за {month}',
    'Нужно изменить реквизиты юрлица в договоре',
    'как получить акт сверки за год?',
  ], [
    'Please send us the invoices and closing documents for {month_en}',
    'We need to update our company billing details (VAT number)',
  ]),
  // ---- access recovery
  s('access_recovery', 'account', 'medium', 'L1', [
    'Потерял телефон с двухфакторкой, не могу войти в аккаунт {email}',
    'Не приходит письмо для сброса пароля, доступа к почте тоже нет',
    'сотрудник, на которого зарегистрирован аккаунт, уволился, как восстановить доступ?',
    'Сбросьте 2FA пожалуйста, сменил телефон и не перенёс Google Authenticator',
  ], [
    'I lost my phone with the 2FA app and cannot log in to {email}',
    'Password reset e-mail never arrives and I no longer have access to that mailbox',
    'the account owner left the company, how do we regain access to our cloud account?',
  ]),
  s('access_recovery', 'account', 'high', 'L1', [
    'Аккаунт заблокирован после нескольких неудачных попыток входа, а нам срочно нужно в консоль',
    'Не могу войти в личный кабинет: "Учетная запись заблокирована". Прод требует вмешательства',
  ], [
    'Our account got locked after failed login attempts and we urgently need console access',
    'Login says "account is locked", we need access right now to fix production',
  ]),
  // ---- vendor / marketplace
  s('vendor', 'marketplace', 'medium', 'L1', [
    'Купили в Маркетплейсе {product}, а лицензионный ключ так и не пришёл',
    'Приложение {product} из маркетплейса не разворачивается, деплой падает с ошибкой',
    'В образе {product} из маркетплейса баг, поставщик не отвечает',
  ], [
    'We bought {product} in the Marketplace but never received the licence key',
    'Marketplace app {product} fails to deploy, installation ends with an error',
    'There is a bug in the {product} marketplace image and the vendor does not answer',
  ]),
  s('vendor', 'marketplace', 'low', 'L1', [
    'Мы разработчики ПО, как разместить наш продукт в вашем Маркетплейсе?',
    'как отключить подписку на {product} из маркетплейса?',
  ], [
    'We are a software vendor, how can we publish our product in your Marketplace?',
    'how do I cancel the {product} marketplace subscription?',
  ]),
  // ---- feedback
  s('feedback', 'platform', 'low', 'L1', [
    'Было бы удобно добавить тёмную тему в личный кабинет',
    'Предложение: сделайте массовое удаление снапшотов в консоли',
    'Спасибо инженеру поддержки, быстро помогли с проблемой!',
    'Документация по API устарела, примеры не работают — поправьте пожалуйста',
  ], [
    'Feature request: please add a dark theme to the console',
    'Suggestion: allow bulk deletion of snapshots in the UI',
    'Great job from your support engineer today, thanks!',
    'The API docs are outdated, the examples no longer work',
  ]),
  s('feedback', 'kubernetes', 'low', 'L1', [
    'Хотим поддержку Kubernetes {k8s} и Cilium как CNI, планируете?',
  ], [
    'It would be great to have Kubernetes {k8s} and Cilium CNI support, any plans?',
  ]),
  // ---- security
  s('security', 'compute', 'high', 'L2', [
    'Похоже нашу ВМ {ip} взломали: неизвестный процесс kdevtmpfsi грузит CPU на 100%',
    'Пришло уведомление, что с нашего IP {ip} идёт рассылка спама, мы ничего не отправляли',
  ], [
    'Our VM {ip} looks compromised: an unknown process kdevtmpfsi eats 100% CPU',
    'We got an abuse notice that {ip} is sending spam, but we did not send anything',
  ]),
  s('security', 'network', 'high', 'L2', [
    'Жалоба: с адреса {ip} из вашей сети идёт DDoS / сканирование портов нашего сервера',
    'Наш сайт под DDoS атакой, нужна помощь с фильтрацией',
  ], [
    'Abuse report: {ip} in your network is scanning our servers / part of a DDoS',
    'We are under a DDoS attack, need help with traffic filtering',
  ]),
  s('security', 'platform', 'high', 'L3', [
    'Нашёл уязвимость в личном кабинете: XSS в поле имени проекта, могу прислать PoC',
    'Responsible disclosure: IDOR в API позволяет видеть чужие проекты',
  ], [
    'Vulnerability report: stored XSS in the project name field of the console, PoC attached',
    'Responsible disclosure: an IDOR in your API exposes other tenants\' servers',
  ]),
  s('security', 'object_storage', 'critical', 'L2', [
    'Наши ключи доступа к S3 утекли в публичный репозиторий, срочно отзовите',
    'В бакете {bucket} оказались публично доступны персональные данные клиентов!',
  ], [
    'Our S3 access keys leaked to a public GitHub repo, please revoke them immediately',
    'Bucket {bucket} exposed customer personal data publicly, need urgent help',
  ]),
  s('security', 'account', 'critical', 'L1', [
    'В аккаунт кто-то зашёл не мы: в журнале входы из чужой страны и созданы новые ВМ под майнинг',
    'Подозрительная активность в аккаунте {email}, сменили пароль, но появились новые пользователи',
  ], [
    'Someone else logged into our account: logins from another country and new mining VMs were created',
    'Suspicious activity in account {email}, unknown API keys were created',
  ]),
];
