import type { Kysely, Transaction } from 'kysely';
import type { DB, KbKind, KbErrorStatus } from '../db/schema.js';

/** Default knowledge base for the default catalogue: how-tos, typical problems and known errors (ru + en). */
interface SeedArticle {
  slug: string;
  kind: KbKind;
  visibility: 'public' | 'internal';
  items: string[];
  keywords?: string;
  en: { title: string; body: string; symptoms?: string; workaround?: string };
  ru: { title: string; body: string; symptoms?: string; workaround?: string };
  errorStatus?: KbErrorStatus;
}

export const defaultArticles: SeedArticle[] = [
  {
    slug: 'vm-does-not-start',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['compute.vm.unavailable'],
    keywords: 'instance error state shutoff boot failed kernel panic grub ВМ инстанс ошибка загрузки',
    en: {
      title: 'Virtual machine does not start or is stuck in ERROR',
      body: `If a virtual machine stays in ERROR or SHUTOFF after you start it:
1. Open the VM in the console and check its status and the last operation's message.
2. Open the VNC console: a kernel panic, "grub rescue>" or a file-system check prompt means the guest OS does not boot; boot from a rescue image and repair it.
3. If the status is ERROR right after start, the host may lack capacity for the flavour: try starting again in a few minutes or change the flavour.
4. Make sure the project balance is positive: VMs of a blocked project do not start.
If nothing helps, send us the project ID (mcs…), region, VM ID and the time of the attempt.`,
    },
    ru: {
      title: 'Виртуальная машина не запускается или висит в статусе ERROR',
      body: `Если ВМ остаётся в статусе ERROR или SHUTOFF после запуска:
1. Откройте ВМ в консоли и посмотрите статус и сообщение последней операции.
2. Откройте VNC-консоль: kernel panic, «grub rescue>» или проверка файловой системы означают, что гостевая ОС не загружается; загрузитесь с rescue-образа и восстановите её.
3. Если ERROR появляется сразу после запуска, на гипервизоре может не хватать ресурсов для этой конфигурации: повторите попытку через несколько минут или смените flavor.
4. Проверьте, что баланс проекта положительный: ВМ заблокированного проекта не запускаются.
Если не помогло, пришлите ID проекта (mcs…), регион, ID ВМ и время попытки.`,
    },
  },
  {
    slug: 'vm-ssh-connection-refused',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['compute.vm.unavailable', 'network.connectivity.loss'],
    keywords: 'ssh port 22 timeout permission denied publickey key pair ключ доступ по ssh',
    en: {
      title: 'Cannot connect to a VM over SSH (timeout, connection refused, permission denied)',
      body: `Check in this order:
- Timeout: the VM needs a floating (public) IP, and its security group must allow inbound TCP 22 from your address.
- Connection refused: sshd is not running or listens on another port; open the VNC console and check "systemctl status sshd".
- Permission denied (publickey): use the key pair chosen when the VM was created and the image's default user (ubuntu, centos, debian); keys cannot be added to a running VM from the console — use the VNC console to add one to ~/.ssh/authorized_keys.
- Host key changed: the IP was reused; remove the old line from ~/.ssh/known_hosts.`,
    },
    ru: {
      title: 'Не удаётся подключиться к ВМ по SSH (таймаут, connection refused, permission denied)',
      body: `Проверьте по порядку:
- Таймаут: у ВМ должен быть плавающий (публичный) IP, а группа безопасности должна разрешать входящий TCP 22 с вашего адреса.
- Connection refused: sshd не запущен или слушает другой порт; откройте VNC-консоль и проверьте «systemctl status sshd».
- Permission denied (publickey): используйте ключевую пару, выбранную при создании ВМ, и пользователя образа по умолчанию (ubuntu, centos, debian); чтобы добавить ключ, откройте VNC-консоль и допишите его в ~/.ssh/authorized_keys.
- Изменился ключ хоста: IP был переиспользован; удалите старую строку из ~/.ssh/known_hosts.`,
    },
  },
  {
    slug: 'vm-reset-password',
    kind: 'how_to',
    visibility: 'public',
    items: ['compute.vm.unavailable'],
    keywords: 'root password forgot windows administrator reset пароль администратора',
    en: {
      title: 'How to reset the password of a VM (Linux root, Windows Administrator)',
      body: `Linux: open the VM's VNC console, reboot, interrupt GRUB, add "init=/bin/bash" to the kernel line, remount / read-write (mount -o remount,rw /), run "passwd root", then reboot.
Windows: in the console choose "Reset password" for the VM (the guest agent must be running), or boot from the rescue image and use the offline password tool.
We never know or store passwords of your VMs, so support cannot tell you the old one.`,
    },
    ru: {
      title: 'Как сбросить пароль ВМ (root в Linux, Administrator в Windows)',
      body: `Linux: откройте VNC-консоль ВМ, перезагрузите её, прервите GRUB, добавьте «init=/bin/bash» в строку ядра, перемонтируйте / на запись (mount -o remount,rw /), выполните «passwd root» и перезагрузитесь.
Windows: в консоли выберите для ВМ «Сбросить пароль» (должен работать гостевой агент) или загрузитесь с rescue-образа и используйте офлайн-утилиту сброса.
Мы не знаем и не храним пароли ваших ВМ, поэтому поддержка не может сообщить старый пароль.`,
    },
  },
  {
    slug: 'vm-change-flavor',
    kind: 'how_to',
    visibility: 'public',
    items: ['compute.vm.resize'],
    keywords: 'resize flavour flavor vcpu ram memory upgrade downgrade добавить памяти процессоров',
    en: {
      title: 'How to change the configuration (flavour) of a VM: CPU and RAM',
      body: `1. Stop the VM (a running VM can only be resized with a reboot).
2. In the console open the VM → "Change configuration", pick the new flavour and confirm.
3. Start the VM and check that the guest sees the new CPU and memory.
A larger flavour needs free quota for vCPU and RAM in the project; if the quota is not enough, request a quota increase first. Reducing the disk is not possible — only CPU and RAM change with the flavour.`,
    },
    ru: {
      title: 'Как изменить конфигурацию ВМ (flavor): процессоры и память',
      body: `1. Остановите ВМ (изменение работающей ВМ требует перезагрузки).
2. В консоли откройте ВМ → «Изменить конфигурацию», выберите новый flavor и подтвердите.
3. Запустите ВМ и проверьте, что гостевая ОС видит новые vCPU и память.
Для большей конфигурации в проекте нужна свободная квота vCPU и RAM; если квоты не хватает, сначала запросите её увеличение. Уменьшить диск нельзя — с flavor меняются только процессоры и память.`,
    },
  },
  {
    slug: 'vm-slow-cpu-steal',
    kind: 'typical_problem',
    visibility: 'internal',
    items: ['compute.vm.unavailable'],
    keywords: 'steal time noisy neighbour hypervisor migrate live migration тормозит медленно',
    en: {
      title: 'Agents: VM is slow, high CPU steal time — diagnosis and live migration',
      body: `Ask the customer for "top" or "vmstat 1 10" output. Steal (st) above 10% for minutes points at an overloaded hypervisor.
1. Find the host of the VM in the admin panel and check the host's load graph.
2. If the host is overloaded, escalate to L2 Compute with the VM ID, host name and the steal figures; L2 live-migrates the VM without downtime.
3. If steal is low, the load is inside the guest: suggest a larger flavour or profiling the application.
Do not promise a migration time to the customer before L2 confirms.`,
    },
    ru: {
      title: 'Для агентов: ВМ тормозит, высокий CPU steal — диагностика и живая миграция',
      body: `Попросите у клиента вывод «top» или «vmstat 1 10». Steal (st) выше 10% в течение нескольких минут указывает на перегруженный гипервизор.
1. Найдите хост ВМ в админ-панели и посмотрите график нагрузки хоста.
2. Если хост перегружен, эскалируйте на L2 Compute с ID ВМ, именем хоста и цифрами steal; L2 выполнит живую миграцию без простоя.
3. Если steal низкий, нагрузка внутри гостевой ОС: предложите более крупный flavor или профилирование приложения.
Не обещайте клиенту срок миграции до подтверждения L2.`,
    },
  },
  {
    slug: 'disk-attach-stuck',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['storage.block.io'],
    keywords: 'volume attaching detaching reserved in-use cinder том диск завис подключение',
    en: {
      title: 'Disk is stuck in "attaching" or "detaching", or the VM does not see it',
      body: `A disk may stay in attaching/detaching if the VM was stopped or rebooted during the operation.
1. Wait 5 minutes and refresh: most operations finish on their own.
2. If the disk is "in-use" but the guest does not see it, run "lsblk" (Linux) or rescan disks in Disk Management (Windows); a hot-plugged disk may need "echo 1 > /sys/class/scsi_device/*/device/rescan".
3. If the status does not change for 15 minutes, do not delete the disk: send us the project ID, region, disk ID and VM ID, and we will reset the state.`,
    },
    ru: {
      title: 'Диск завис в статусе «attaching»/«detaching» или ВМ его не видит',
      body: `Диск может остаться в attaching/detaching, если ВМ остановили или перезагрузили во время операции.
1. Подождите 5 минут и обновите страницу: большинство операций завершаются сами.
2. Если диск «in-use», но гостевая ОС его не видит, выполните «lsblk» (Linux) или повторите поиск дисков в «Управлении дисками» (Windows); горячеподключённому диску может понадобиться «echo 1 > /sys/class/scsi_device/*/device/rescan».
3. Если статус не меняется 15 минут, не удаляйте диск: пришлите ID проекта, регион, ID диска и ID ВМ — мы сбросим состояние.`,
    },
  },
  {
    slug: 'disk-performance-limits',
    kind: 'how_to',
    visibility: 'public',
    items: ['storage.block.io'],
    keywords: 'iops throughput latency ssd hdd high-iops slow disk медленный диск задержки',
    en: {
      title: 'Disk is slow: IOPS and throughput limits of disk types',
      body: `Every disk type has limits that grow with its size: HDD up to 1,000 IOPS, SSD 30 IOPS per GB up to 16,000, High-IOPS SSD up to 75,000. A small SSD is therefore slower than a large one.
To check: run "iostat -x 1" in the VM; await above 10 ms with %util near 100 means the disk is at its limit.
To speed up: extend the disk (limits grow with size), move to High-IOPS SSD, or spread data over several disks. If the figures are far below the limit for your size, send us the iostat output, disk ID and time window.`,
    },
    ru: {
      title: 'Диск работает медленно: лимиты IOPS и пропускной способности типов дисков',
      body: `У каждого типа диска есть лимиты, растущие с размером: HDD до 1 000 IOPS, SSD 30 IOPS на ГБ до 16 000, High-IOPS SSD до 75 000. Поэтому маленький SSD медленнее большого.
Как проверить: выполните «iostat -x 1» в ВМ; await больше 10 мс при %util около 100 означает, что диск упёрся в лимит.
Как ускорить: увеличьте диск (лимиты растут с размером), перейдите на High-IOPS SSD или распределите данные по нескольким дискам. Если цифры намного ниже лимита для вашего размера, пришлите вывод iostat, ID диска и интервал времени.`,
    },
  },
  {
    slug: 'disk-extend',
    kind: 'how_to',
    visibility: 'public',
    items: ['storage.block.io'],
    keywords: 'resize volume grow partition growpart resize2fs xfs_growfs увеличить размер диска место закончилось',
    en: {
      title: 'How to extend a disk and grow the file system',
      body: `1. In the console open the disk → "Change size" and enter the new size (disks can only grow).
2. Inside the VM grow the partition: "growpart /dev/vda 1".
3. Grow the file system: "resize2fs /dev/vda1" for ext4 or "xfs_growfs /" for XFS. On Windows use Disk Management → Extend Volume.
The boot disk of a running VM can be extended online; no reboot is needed for modern kernels.`,
    },
    ru: {
      title: 'Как увеличить диск и расширить файловую систему',
      body: `1. В консоли откройте диск → «Изменить размер» и укажите новый размер (диски можно только увеличивать).
2. Внутри ВМ расширьте раздел: «growpart /dev/vda 1».
3. Расширьте файловую систему: «resize2fs /dev/vda1» для ext4 или «xfs_growfs /» для XFS. В Windows: «Управление дисками» → «Расширить том».
Загрузочный диск работающей ВМ можно увеличить на лету; современным ядрам перезагрузка не нужна.`,
    },
  },
  {
    slug: 's3-access-denied',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['storage.s3.access'],
    keywords: 'AccessDenied 403 forbidden bucket policy acl access key object storage бакет доступ запрещён',
    en: {
      title: 'Object storage returns 403 AccessDenied',
      body: `A 403 AccessDenied from object storage means the key is valid but has no right to this bucket or object.
- Check that the access key belongs to the project that owns the bucket; keys of another project are refused.
- Check the bucket policy and object ACL: a "Deny" statement wins over any "Allow".
- Public read needs the "public-read" ACL on the objects (or a bucket policy allowing s3:GetObject for everyone).
- Pre-signed URLs expire: generate a new one.
If it still fails, send us the bucket name, the request ID from the error response (x-amz-request-id) and the time.`,
    },
    ru: {
      title: 'Объектное хранилище возвращает 403 AccessDenied',
      body: `Ответ 403 AccessDenied от объектного хранилища означает, что ключ действителен, но не имеет прав на этот бакет или объект.
- Проверьте, что ключ доступа принадлежит проекту, которому принадлежит бакет; ключи другого проекта отклоняются.
- Проверьте политику бакета и ACL объекта: правило «Deny» сильнее любого «Allow».
- Для публичного чтения у объектов должен быть ACL «public-read» (или политика бакета, разрешающая s3:GetObject всем).
- Подписанные ссылки (pre-signed URL) истекают: сгенерируйте новую.
Если ошибка остаётся, пришлите имя бакета, ID запроса из ответа (x-amz-request-id) и время.`,
    },
  },
  {
    slug: 's3-signature-does-not-match',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['storage.s3.access'],
    keywords: 'SignatureDoesNotMatch signature v4 secret key clock skew RequestTimeTooSkewed endpoint region подпись',
    en: {
      title: 'S3 error SignatureDoesNotMatch or RequestTimeTooSkewed',
      body: `SignatureDoesNotMatch: the request was signed with a different secret key or for a different endpoint/region than the one that received it.
- Copy the secret key again (no spaces or line breaks).
- Use our endpoint and region name exactly as shown in the console, and signature version 4.
- Some clients need path-style addressing (force_path_style / addressing_style = path).
RequestTimeTooSkewed: the client clock is more than 15 minutes off; enable NTP on the machine that sends the requests.`,
    },
    ru: {
      title: 'Ошибка S3 SignatureDoesNotMatch или RequestTimeTooSkewed',
      body: `SignatureDoesNotMatch: запрос подписан другим секретным ключом или для другого эндпоинта/региона, чем тот, что его получил.
- Скопируйте секретный ключ заново (без пробелов и переводов строк).
- Используйте наш эндпоинт и имя региона точно как в консоли и подпись версии 4.
- Некоторым клиентам нужна адресация path-style (force_path_style / addressing_style = path).
RequestTimeTooSkewed: часы клиента отстают или спешат больше чем на 15 минут; включите NTP на машине, которая отправляет запросы.`,
    },
  },
  {
    slug: 's3-cors',
    kind: 'how_to',
    visibility: 'public',
    items: ['storage.s3.access'],
    keywords: 'cors browser preflight OPTIONS Access-Control-Allow-Origin upload from website загрузка из браузера',
    en: {
      title: 'How to configure CORS for a bucket (uploads and downloads from a browser)',
      body: `Browsers block requests to a bucket from another origin unless the bucket has a CORS configuration.
1. Prepare a CORS rule: AllowedOrigins (your site, e.g. https://example.com), AllowedMethods (GET, PUT, POST), AllowedHeaders (*), MaxAgeSeconds (3000).
2. Apply it with "aws s3api put-bucket-cors --bucket NAME --cors-configuration file://cors.json --endpoint-url ENDPOINT".
3. Check the preflight: "curl -X OPTIONS -H 'Origin: https://example.com' -H 'Access-Control-Request-Method: PUT' URL -i" must return Access-Control-Allow-Origin.`,
    },
    ru: {
      title: 'Как настроить CORS для бакета (загрузка и скачивание из браузера)',
      body: `Браузер блокирует запросы к бакету с другого origin, если у бакета нет настройки CORS.
1. Подготовьте правило CORS: AllowedOrigins (ваш сайт, например https://example.com), AllowedMethods (GET, PUT, POST), AllowedHeaders (*), MaxAgeSeconds (3000).
2. Примените его: «aws s3api put-bucket-cors --bucket NAME --cors-configuration file://cors.json --endpoint-url ENDPOINT».
3. Проверьте preflight: «curl -X OPTIONS -H 'Origin: https://example.com' -H 'Access-Control-Request-Method: PUT' URL -i» должен вернуть Access-Control-Allow-Origin.`,
    },
  },
  {
    slug: 'vm-no-internet-access',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['network.connectivity.loss'],
    keywords: 'floating ip router nat gateway ping 8.8.8.8 dns resolve apt update outbound интернет не работает',
    en: {
      title: 'VM has no internet access (outbound traffic, DNS)',
      body: `A VM in a private network reaches the internet only through a router with an external gateway (SNAT) or through its own floating IP.
1. Check that the VM's subnet is connected to a router whose external network is set.
2. Check the security group: outbound traffic must be allowed (it is by default).
3. "ping 8.8.8.8" works but names do not resolve: set DNS servers in the subnet settings and renew DHCP, or add nameserver lines to /etc/resolv.conf.
4. If the VM has a floating IP and still no traffic, send us the project ID, region, VM ID, IP and a traceroute.`,
    },
    ru: {
      title: 'У ВМ нет доступа в интернет (исходящий трафик, DNS)',
      body: `ВМ в приватной сети выходит в интернет только через маршрутизатор с внешним шлюзом (SNAT) или через собственный плавающий IP.
1. Проверьте, что подсеть ВМ подключена к маршрутизатору с указанной внешней сетью.
2. Проверьте группу безопасности: исходящий трафик должен быть разрешён (по умолчанию разрешён).
3. «ping 8.8.8.8» проходит, но имена не резолвятся: укажите DNS-серверы в настройках подсети и обновите DHCP или добавьте строки nameserver в /etc/resolv.conf.
4. Если у ВМ есть плавающий IP, а трафика всё равно нет, пришлите ID проекта, регион, ID ВМ, IP и traceroute.`,
    },
  },
  {
    slug: 'security-groups-open-port',
    kind: 'how_to',
    visibility: 'public',
    items: ['network.connectivity.loss'],
    keywords: 'firewall security group rule ingress open port 80 443 3389 rdp файрвол открыть порт',
    en: {
      title: 'How to open a port: security group rules',
      body: `Inbound traffic to a VM is denied unless a rule in one of its security groups allows it.
1. Console → Network → Security groups → choose the group attached to the VM (or create one).
2. Add an ingress rule: protocol TCP, port (e.g. 80, 443, or 3389 for RDP), source CIDR (0.0.0.0/0 for everyone, better your office range).
3. Attach the group to the VM's port if it is not attached.
Rules apply within seconds; also check the firewall inside the guest (ufw, firewalld, Windows Firewall).`,
    },
    ru: {
      title: 'Как открыть порт: правила групп безопасности',
      body: `Входящий трафик к ВМ запрещён, пока его не разрешит правило одной из её групп безопасности.
1. Консоль → Сеть → Группы безопасности → выберите группу, подключённую к ВМ (или создайте новую).
2. Добавьте входящее правило: протокол TCP, порт (например 80, 443 или 3389 для RDP), источник CIDR (0.0.0.0/0 для всех, лучше диапазон вашего офиса).
3. Подключите группу к порту ВМ, если она не подключена.
Правила применяются за секунды; проверьте также файрвол внутри гостевой ОС (ufw, firewalld, брандмауэр Windows).`,
    },
  },
  {
    slug: 'load-balancer-502',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['network.connectivity.loss'],
    keywords: 'load balancer 502 503 bad gateway health check backend pool member offline балансировщик',
    en: {
      title: 'Load balancer returns 502/503: backends fail the health check',
      body: `The load balancer answers 502 or 503 when no backend in the pool is healthy.
1. In the console open the balancer → pool → members: members marked OFFLINE fail the health check.
2. The health check comes from the balancer's subnet: allow it in the backends' security group on the health-check port.
3. The check path must answer 200 quickly (e.g. /healthz within the timeout); a redirect to HTTPS counts as a failure unless expected codes include 301/302.
4. Check that the application listens on the member port on the private IP, not only on 127.0.0.1.`,
    },
    ru: {
      title: 'Балансировщик возвращает 502/503: бэкенды не проходят проверку здоровья',
      body: `Балансировщик отвечает 502 или 503, когда в пуле нет ни одного здорового бэкенда.
1. В консоли откройте балансировщик → пул → участники: участники в статусе OFFLINE не проходят health check.
2. Проверка идёт из подсети балансировщика: разрешите её в группе безопасности бэкендов на порту проверки.
3. Путь проверки должен быстро отвечать 200 (например /healthz в пределах таймаута); редирект на HTTPS считается ошибкой, если 301/302 не указаны в ожидаемых кодах.
4. Проверьте, что приложение слушает порт участника на приватном IP, а не только на 127.0.0.1.`,
    },
  },
  {
    slug: 'k8s-kubectl-unauthorized',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['kubernetes.cluster.issue'],
    keywords: 'kubectl error You must be logged in to the server Unauthorized kubeconfig token expired certificate кластер',
    en: {
      title: 'kubectl: "You must be logged in to the server (Unauthorized)"',
      body: `kubectl gets 401 Unauthorized when the credentials in kubeconfig are expired or belong to another cluster.
1. Download a fresh kubeconfig from the console (Kubernetes → cluster → "Get kubeconfig") and set KUBECONFIG to it.
2. If you use keystone authentication, refresh the token: the client plugin caches it for 24 hours; delete ~/.kube/cache and log in again.
3. Check "kubectl config current-context": it must point at the right cluster.
4. "x509: certificate signed by unknown authority" means the kubeconfig is from a cluster that was recreated — download it again.`,
    },
    ru: {
      title: 'kubectl: «You must be logged in to the server (Unauthorized)»',
      body: `kubectl получает 401 Unauthorized, когда учётные данные в kubeconfig истекли или относятся к другому кластеру.
1. Скачайте свежий kubeconfig в консоли (Kubernetes → кластер → «Получить kubeconfig») и укажите его в KUBECONFIG.
2. Если используется аутентификация keystone, обновите токен: плагин кэширует его на 24 часа; удалите ~/.kube/cache и войдите заново.
3. Проверьте «kubectl config current-context»: он должен указывать на нужный кластер.
4. «x509: certificate signed by unknown authority» означает, что kubeconfig от пересозданного кластера — скачайте его снова.`,
    },
  },
  {
    slug: 'k8s-node-not-ready',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['kubernetes.cluster.issue'],
    keywords: 'node NotReady kubelet DiskPressure MemoryPressure worker нода узел не готов',
    en: {
      title: 'Kubernetes node is NotReady',
      body: `"kubectl get nodes" shows NotReady when the kubelet stops reporting.
1. "kubectl describe node NAME": look at Conditions — DiskPressure or MemoryPressure mean the node ran out of disk or memory; pods are evicted.
2. Free disk (old images: the kubelet garbage-collects them at 85% usage) or add nodes / a larger node group flavour.
3. If the node VM itself is stopped or in ERROR, the node group replaces it automatically within 10–15 minutes when auto-healing is on.
4. If several nodes go NotReady at once, send us the cluster ID, region and the time: it may be an infrastructure problem.`,
    },
    ru: {
      title: 'Узел Kubernetes в статусе NotReady',
      body: `«kubectl get nodes» показывает NotReady, когда kubelet перестаёт отчитываться.
1. «kubectl describe node ИМЯ»: посмотрите Conditions — DiskPressure или MemoryPressure означают, что на узле закончился диск или память; поды вытесняются.
2. Освободите диск (старые образы kubelet удаляет сам при заполнении 85%) или добавьте узлы / увеличьте flavor группы узлов.
3. Если ВМ узла остановлена или в ERROR, группа узлов заменит её автоматически за 10–15 минут при включённом автовосстановлении.
4. Если в NotReady уходят несколько узлов сразу, пришлите ID кластера, регион и время: возможна проблема инфраструктуры.`,
    },
  },
  {
    slug: 'k8s-pvc-pending',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['kubernetes.cluster.issue', 'storage.block.io'],
    keywords: 'PersistentVolumeClaim pending storageclass csi provisioning volume mount FailedAttachVolume том под',
    en: {
      title: 'PersistentVolumeClaim stays Pending or a pod cannot mount its volume',
      body: `1. "kubectl describe pvc NAME": "no persistent volumes available" with no StorageClass means the claim needs storageClassName (e.g. csi-ceph-ssd) or a default class.
2. "exceeded quota": the project's disk quota is used up; free disks or request more.
3. FailedAttachVolume / Multi-Attach error: a block volume attaches to one node at a time; the old pod must release it first (ReadWriteOnce).
4. The volume must be in the same availability zone as the node.`,
    },
    ru: {
      title: 'PersistentVolumeClaim висит в Pending или под не может смонтировать том',
      body: `1. «kubectl describe pvc ИМЯ»: «no persistent volumes available» без StorageClass означает, что в заявке нужен storageClassName (например csi-ceph-ssd) или класс по умолчанию.
2. «exceeded quota»: квота дисков проекта исчерпана; освободите диски или запросите увеличение.
3. FailedAttachVolume / Multi-Attach error: блочный том подключается только к одному узлу; старый под должен его освободить (ReadWriteOnce).
4. Том должен быть в той же зоне доступности, что и узел.`,
    },
  },
  {
    slug: 'known-error-k8s-autoscaler-stuck',
    kind: 'known_error',
    visibility: 'public',
    items: ['kubernetes.cluster.issue'],
    keywords: 'cluster autoscaler scale up node group does not grow pending pods 1.27',
    errorStatus: 'workaround_available',
    en: {
      title: 'Known error: cluster autoscaler does not add nodes in clusters 1.27.x',
      symptoms: 'Pods stay Pending with "Insufficient cpu" while the node group is below its maximum; the autoscaler log repeats "failed to fix node group sizes".',
      body: 'In clusters of version 1.27.0–1.27.4 the cluster autoscaler can lose track of a node group after a manual resize and stop scaling it up. The fix ships with the 1.27.5 platform update.',
      workaround: 'Change the node group minimum in the console (any value, then back) — this resets the autoscaler state; or upgrade the cluster to 1.27.5.',
    },
    ru: {
      title: 'Известная ошибка: автомасштабирование не добавляет узлы в кластерах 1.27.x',
      symptoms: 'Поды висят в Pending с «Insufficient cpu», хотя группа узлов ниже максимума; в логе автоскейлера повторяется «failed to fix node group sizes».',
      body: 'В кластерах версий 1.27.0–1.27.4 cluster autoscaler может потерять группу узлов после ручного изменения размера и перестать её увеличивать. Исправление выйдет с обновлением платформы 1.27.5.',
      workaround: 'Измените минимум группы узлов в консоли (любое значение, затем обратно) — это сбрасывает состояние автоскейлера; или обновите кластер до 1.27.5.',
    },
  },
  {
    slug: 'db-too-many-connections',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['databases.instance.issue'],
    keywords: 'FATAL too many connections max_connections remaining connection slots are reserved pgbouncer pool postgres mysql подключения',
    en: {
      title: 'Database refuses connections: "too many connections"',
      body: `PostgreSQL "FATAL: sorry, too many clients already" / "remaining connection slots are reserved" and MySQL "Too many connections" mean max_connections is reached.
1. Look for idle connections: "SELECT state, count(*) FROM pg_stat_activity GROUP BY 1".
2. Use a connection pool: enable the built-in PgBouncer for the instance or limit the pool size in your application.
3. max_connections depends on the flavour's memory; a larger flavour allows more.
4. Close leaked connections (application restarts often leave them) and set idle timeouts.`,
    },
    ru: {
      title: 'База данных отказывает в подключении: «too many connections»',
      body: `PostgreSQL «FATAL: sorry, too many clients already» / «remaining connection slots are reserved» и MySQL «Too many connections» означают, что достигнут max_connections.
1. Найдите простаивающие подключения: «SELECT state, count(*) FROM pg_stat_activity GROUP BY 1».
2. Используйте пул подключений: включите встроенный PgBouncer для инстанса или ограничьте размер пула в приложении.
3. max_connections зависит от памяти конфигурации; более крупный flavor разрешает больше.
4. Закройте «утёкшие» подключения (их часто оставляют перезапуски приложения) и задайте таймауты простоя.`,
    },
  },
  {
    slug: 'db-restore-from-backup',
    kind: 'how_to',
    visibility: 'public',
    items: ['databases.instance.issue'],
    keywords: 'backup restore point in time recovery PITR deleted data drop table резервная копия бэкап восстановить',
    en: {
      title: 'How to restore a managed database from a backup (point in time)',
      body: `Managed databases keep daily backups for 7 days and write-ahead logs for point-in-time recovery.
1. Console → Databases → instance → Backups.
2. Choose a backup or "Restore to a point in time" and enter the moment just before the data was lost (in UTC).
3. The restore creates a NEW instance; the old one keeps running. Check the data, then switch your application to the new host.
Restore time depends on size: about 10 minutes per 100 GB.`,
    },
    ru: {
      title: 'Как восстановить управляемую БД из резервной копии (на момент времени)',
      body: `Управляемые БД хранят ежедневные резервные копии 7 дней и журналы WAL для восстановления на момент времени.
1. Консоль → Базы данных → инстанс → Резервные копии.
2. Выберите копию или «Восстановить на момент времени» и укажите момент перед потерей данных (в UTC).
3. Восстановление создаёт НОВЫЙ инстанс; старый продолжает работать. Проверьте данные и переключите приложение на новый хост.
Время восстановления зависит от объёма: около 10 минут на 100 ГБ.`,
    },
  },
  {
    slug: 'known-error-db-replica-lag',
    kind: 'known_error',
    visibility: 'internal',
    items: ['databases.instance.issue'],
    keywords: 'replica lag replication delay standby read replica stale reads',
    errorStatus: 'investigating',
    en: {
      title: 'Known error (internal): replica lag grows after storage maintenance in ru-msk-2',
      symptoms: 'Read replicas in region ru-msk-2 lag minutes behind the primary after the nightly storage maintenance window; customers see stale reads.',
      body: 'L3 Storage is investigating increased write latency on one storage cluster after maintenance. Link new requests to the problem record; do not restart replicas, it does not help.',
      workaround: 'Route critical reads to the primary; the lag returns to normal within about 2 hours after the window.',
    },
    ru: {
      title: 'Известная ошибка (внутр.): растёт отставание реплик после обслуживания хранилища в ru-msk-2',
      symptoms: 'Реплики чтения в регионе ru-msk-2 отстают от мастера на минуты после ночного окна обслуживания хранилища; клиенты видят устаревшие данные.',
      body: 'L3 Storage расследует рост задержки записи на одном кластере хранилища после обслуживания. Привязывайте новые обращения к проблеме; перезапуск реплик не помогает.',
      workaround: 'Направьте критичные чтения на мастер; отставание приходит в норму примерно через 2 часа после окна.',
    },
  },
  {
    slug: 'billing-unexpected-charges',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['billing.charges.question'],
    keywords: 'charged stopped vm disk snapshot floating ip billed invoice списание деньги списали',
    en: {
      title: 'Why am I charged for a stopped VM? What keeps costing money',
      body: `A stopped VM does not pay for CPU and RAM, but these keep costing money until deleted:
- disks (including the boot disk) and snapshots;
- floating IPs, reserved or attached to a stopped VM;
- load balancers, object storage, backups.
See "Billing → Details" for charges per resource and hour. To stop all charges, delete the resources, not just stop them. If a charge does not match any resource, send us the project ID, the date and the line from the details.`,
    },
    ru: {
      title: 'Почему списываются деньги за остановленную ВМ? Что продолжает тарифицироваться',
      body: `Остановленная ВМ не платит за процессоры и память, но до удаления продолжают тарифицироваться:
- диски (включая загрузочный) и снимки;
- плавающие IP, зарезервированные или привязанные к остановленной ВМ;
- балансировщики, объектное хранилище, резервные копии.
Начисления по ресурсам и часам смотрите в «Биллинг → Детализация». Чтобы остановить списания, удалите ресурсы, а не только остановите их. Если начисление не соответствует ни одному ресурсу, пришлите ID проекта, дату и строку из детализации.`,
    },
  },
  {
    slug: 'billing-closing-documents',
    kind: 'how_to',
    visibility: 'public',
    items: ['billing.charges.question'],
    keywords: 'invoice act reconciliation accounting documents edo vat счёт-фактура акт сверки закрывающие документы',
    en: {
      title: 'How to get invoices, acts and other closing documents',
      body: `Legal entities get closing documents (act, VAT invoice) monthly, by the 5th working day.
- Download them in "Billing → Documents".
- Electronic document exchange (EDO): connect it in "Billing → Settings"; originals are then not mailed.
- A reconciliation statement: request it in the same section for any period; it is ready within 3 working days.
If a document has wrong details, update them in the profile and ask us to reissue.`,
    },
    ru: {
      title: 'Как получить счета, акты и другие закрывающие документы',
      body: `Юридические лица получают закрывающие документы (акт, счёт-фактура) ежемесячно, до 5-го рабочего дня.
- Скачать их можно в «Биллинг → Документы».
- ЭДО: подключите в «Биллинг → Настройки»; тогда оригиналы по почте не отправляются.
- Акт сверки: запросите в том же разделе за любой период; он готов в течение 3 рабочих дней.
Если в документе неверные реквизиты, исправьте их в профиле и попросите нас перевыставить документ.`,
    },
  },
  {
    slug: 'billing-negative-balance-blocked',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['billing.charges.question', 'account.access.recovery'],
    keywords: 'balance negative project blocked frozen payment top up suspended заблокирован баланс отрицательный оплата',
    en: {
      title: 'Project blocked because of a negative balance',
      body: `When the balance goes below zero, the project is frozen: VMs are stopped and new resources cannot be created. Data is kept for 30 days.
1. Top up the balance by card (credited instantly) or by bank transfer (1–3 working days; send us the payment order to speed it up).
2. The project unfreezes automatically once the balance is positive; start your VMs again.
3. To avoid it, set a low-balance notification and auto top-up in "Billing → Settings".`,
    },
    ru: {
      title: 'Проект заблокирован из-за отрицательного баланса',
      body: `Когда баланс уходит ниже нуля, проект замораживается: ВМ останавливаются, новые ресурсы создать нельзя. Данные хранятся 30 дней.
1. Пополните баланс картой (зачисляется сразу) или переводом (1–3 рабочих дня; пришлите платёжное поручение, чтобы ускорить).
2. Проект разморозится автоматически, когда баланс станет положительным; запустите ВМ снова.
3. Чтобы это не повторялось, настройте уведомление о низком балансе и автопополнение в «Биллинг → Настройки».`,
    },
  },
  {
    slug: 'account-2fa-lost-device',
    kind: 'how_to',
    visibility: 'public',
    items: ['account.access.recovery'],
    keywords: 'two-factor 2fa otp authenticator lost phone cannot log in login recovery codes двухфакторная потерял телефон не могу войти',
    en: {
      title: 'Lost the phone with two-factor authentication: how to get back into the account',
      body: `1. On the sign-in page choose "Use a recovery code" and enter one of the codes saved when 2FA was enabled.
2. No codes: ask another administrator of your organisation to reset your 2FA in "Users".
3. You are the only administrator: create a request "Restore access to the account" from the e-mail of the account; we will ask for a scan of a document (individuals) or a letter on company letterhead (legal entities) to confirm ownership. This takes up to 2 working days.
Support never asks for your password or codes.`,
    },
    ru: {
      title: 'Потерян телефон с двухфакторной аутентификацией: как вернуть доступ к аккаунту',
      body: `1. На странице входа выберите «Использовать код восстановления» и введите один из кодов, сохранённых при включении 2FA.
2. Кодов нет: попросите другого администратора вашей организации сбросить вам 2FA в разделе «Пользователи».
3. Вы единственный администратор: создайте обращение «Восстановить доступ к аккаунту» с почты аккаунта; мы попросим скан документа (физлица) или письмо на бланке компании (юрлица) для подтверждения владения. Это занимает до 2 рабочих дней.
Поддержка никогда не спрашивает пароль или коды.`,
    },
  },
  {
    slug: 'account-password-reset',
    kind: 'how_to',
    visibility: 'public',
    items: ['account.access.recovery'],
    keywords: 'forgot password reset link email not received sign in locked out забыл пароль письмо не приходит',
    en: {
      title: 'Forgot the account password or the reset e-mail does not arrive',
      body: `1. On the sign-in page choose "Forgot password" and enter the account's e-mail; the link is valid for 1 hour.
2. No e-mail within 10 minutes: check spam and that your mail server accepts mail from our domain; corporate filters often hold it.
3. After 5 wrong passwords the account is locked for 15 minutes — wait and try again.
4. If the e-mail address itself is lost (employee left), the organisation's administrator changes it in "Users", or you file an access-recovery request.`,
    },
    ru: {
      title: 'Забыли пароль от аккаунта или не приходит письмо для сброса',
      body: `1. На странице входа выберите «Забыли пароль» и введите почту аккаунта; ссылка действует 1 час.
2. Письма нет 10 минут: проверьте спам и что ваш почтовый сервер принимает письма с нашего домена; корпоративные фильтры часто их задерживают.
3. После 5 неверных паролей аккаунт блокируется на 15 минут — подождите и попробуйте снова.
4. Если нет доступа к самой почте (сотрудник уволился), администратор организации меняет её в «Пользователях», или подайте обращение о восстановлении доступа.`,
    },
  },
  {
    slug: 'quota-increase',
    kind: 'how_to',
    visibility: 'public',
    items: ['account.quotas.change'],
    keywords: 'quota limit increase vcpu ram disks floating ips instances raise limits квота лимит увеличить',
    en: {
      title: 'How to request a quota increase (vCPU, RAM, disks, IPs)',
      body: `Current quotas and usage are in "Project → Quotas".
1. Click "Request increase" or create a request "Change quotas" with: project ID (mcs…), region, the quotas and the new values.
2. Small increases within the standard limits are approved automatically within an hour; larger ones are reviewed within 1 working day and may need a positive balance history.
3. Quotas are per region: request them in the region where you create resources.`,
    },
    ru: {
      title: 'Как запросить увеличение квот (vCPU, RAM, диски, IP)',
      body: `Текущие квоты и их использование — в «Проект → Квоты».
1. Нажмите «Запросить увеличение» или создайте обращение «Изменить квоты»: ID проекта (mcs…), регион, какие квоты и новые значения.
2. Небольшие увеличения в пределах стандартных лимитов одобряются автоматически в течение часа; крупные рассматриваются в течение 1 рабочего дня и могут требовать истории положительного баланса.
3. Квоты действуют по регионам: запрашивайте их в регионе, где создаёте ресурсы.`,
    },
  },
  {
    slug: 'quota-exceeded-error',
    kind: 'typical_problem',
    visibility: 'public',
    items: ['account.quotas.change', 'compute.vm.unavailable'],
    keywords: 'QuotaExceeded Quota exceeded for cores ram instances 413 403 forbidden create vm failed квота превышена',
    en: {
      title: 'Error "Quota exceeded" when creating a VM, disk or cluster',
      body: `"Quota exceeded for cores/ram/instances" (HTTP 403 or 413 from the API) means the project has no free quota in this region.
1. Compare usage and limits in "Project → Quotas"; deleted resources free quota within a few minutes.
2. Kubernetes node groups and database instances also consume vCPU, RAM and disk quotas of the project.
3. Request an increase (see "How to request a quota increase").`,
    },
    ru: {
      title: 'Ошибка «Quota exceeded» при создании ВМ, диска или кластера',
      body: `«Quota exceeded for cores/ram/instances» (HTTP 403 или 413 от API) означает, что в проекте нет свободной квоты в этом регионе.
1. Сравните использование и лимиты в «Проект → Квоты»; удалённые ресурсы освобождают квоту за несколько минут.
2. Группы узлов Kubernetes и инстансы БД тоже расходуют квоты vCPU, RAM и дисков проекта.
3. Запросите увеличение (см. «Как запросить увеличение квот»).`,
    },
  },
  {
    slug: 'api-access-keys',
    kind: 'how_to',
    visibility: 'public',
    items: ['platform.console.question'],
    keywords: 'api token access key openstack rc terraform cli application credentials ключи api токен',
    en: {
      title: 'How to get API credentials for the CLI and Terraform',
      body: `1. Console → Project → "API access": download the openrc file, or create application credentials (recommended for automation: they can be revoked and do not use your password).
2. CLI: "source openrc.sh", then "openstack server list".
3. Terraform: use the provider with auth_url, the project ID and application credential ID/secret from the same page.
4. Object storage uses separate S3 access keys: "Object storage → Accounts".`,
    },
    ru: {
      title: 'Как получить доступ к API для CLI и Terraform',
      body: `1. Консоль → Проект → «Доступ по API»: скачайте файл openrc или создайте учётные данные приложения (рекомендуется для автоматизации: их можно отозвать, и они не используют ваш пароль).
2. CLI: «source openrc.sh», затем «openstack server list».
3. Terraform: укажите в провайдере auth_url, ID проекта и ID/секрет учётных данных приложения с той же страницы.
4. Для объектного хранилища используются отдельные ключи S3: «Объектное хранилище → Аккаунты».`,
    },
  },
  {
    slug: 'agents-escalation-checklist',
    kind: 'how_to',
    visibility: 'internal',
    items: [],
    keywords: 'escalate L2 checklist diagnostic information before escalation эскалация чек-лист',
    en: {
      title: 'Agents: what to collect before escalating to L2',
      body: `Before escalating an incident, the request must have:
- project ID (mcs + 10 digits) and region;
- IDs of the affected resources (VM, disk, cluster, instance);
- the time window (with time zone) and whether it still happens;
- the exact error text or a screenshot; for networks a traceroute/mtr, for disks iostat.
Ask for everything in one message (use the "Request diagnostics" macro) rather than one item at a time.`,
    },
    ru: {
      title: 'Для агентов: что собрать перед эскалацией на L2',
      body: `Перед эскалацией инцидента в обращении должны быть:
- ID проекта (mcs + 10 цифр) и регион;
- ID затронутых ресурсов (ВМ, диск, кластер, инстанс);
- интервал времени (с часовым поясом) и продолжается ли проблема;
- точный текст ошибки или скриншот; для сети — traceroute/mtr, для дисков — iostat.
Запрашивайте всё одним сообщением (макрос «Запросить диагностику»), а не по одному пункту.`,
    },
  },
];

/**
 * Inserts the default articles (version 1 each) whose slug is missing — all of them on a new install — and
 * the default macros whose name is missing. Returns how many of each it added.
 */
export async function seedKnowledge(trx: Kysely<DB> | Transaction<DB>): Promise<{ articles: number; macros: number }> {
  const have = new Set((await trx.selectFrom('kb_articles').select('slug').execute()).map((r) => r.slug));
  const missing = defaultArticles.filter((a) => !have.has(a.slug));
  const macros = await seedMacros(trx);
  if (missing.length === 0) return { articles: 0, macros };
  const items = await trx.selectFrom('catalogue_items').select(['id', 'code']).execute();
  const itemId = new Map(items.map((i) => [i.code, i.id]));
  const rows = await trx
    .insertInto('kb_articles')
    .values(
      missing.map((a) => ({
        slug: a.slug,
        kind: a.kind,
        visibility: a.visibility,
        status: 'published' as const,
        title_en: a.en.title,
        body_en: a.en.body,
        title_ru: a.ru.title,
        body_ru: a.ru.body,
        symptoms_en: a.en.symptoms ?? null,
        symptoms_ru: a.ru.symptoms ?? null,
        workaround_en: a.en.workaround ?? null,
        workaround_ru: a.ru.workaround ?? null,
        error_status: a.errorStatus ?? null,
        keywords: a.keywords ?? '',
        created_at: new Date(),
        updated_at: new Date(),
      })),
    )
    .returning(['id', 'slug'])
    .execute();
  const links: Array<{ article_id: string; catalogue_item_id: string }> = [];
  const versions = [];
  for (const row of rows) {
    const a = defaultArticles.find((x) => x.slug === row.slug);
    if (!a) continue;
    const ids = a.items.map((c) => itemId.get(c)).filter((x): x is string => x !== undefined).sort();
    for (const id of ids) links.push({ article_id: row.id, catalogue_item_id: id });
    const snapshot = {
      slug: a.slug, kind: a.kind, visibility: a.visibility, status: 'published',
      titleEn: a.en.title, titleRu: a.ru.title, bodyEn: a.en.body, bodyRu: a.ru.body,
      symptomsEn: a.en.symptoms ?? null, symptomsRu: a.ru.symptoms ?? null, workaroundEn: a.en.workaround ?? null, workaroundRu: a.ru.workaround ?? null,
      errorStatus: a.errorStatus ?? null, keywords: a.keywords ?? '', catalogueItemIds: ids,
    };
    versions.push({ article_id: row.id, version: 1, snapshot: JSON.stringify(snapshot), author_id: null, note: 'default article' });
  }
  if (links.length > 0) await trx.insertInto('kb_article_items').values(links).execute();
  if (versions.length > 0) await trx.insertInto('kb_article_versions').values(versions).execute();
  return { articles: rows.length, macros };
}

/** Default macros for every agent (global), editable by an administrator. */
export const defaultMacros = [
  {
    name: 'Запросить диагностику / Request diagnostics',
    description: 'Ask for everything L2 needs in one message and wait for the customer',
    actions: {
      message: {
        visibility: 'public',
        body: `Здравствуйте, {{customer.name}}!

Чтобы разобраться с обращением {{ticket.key}}, пришлите, пожалуйста:
- ID проекта (mcs…) и регион;
- ID затронутых ресурсов (ВМ, диск, кластер);
- время начала проблемы с часовым поясом и продолжается ли она;
- точный текст ошибки или скриншот.

Hello {{customer.name}}, to work on {{ticket.key}} please send the project ID and region, the IDs of the affected resources, when it started (with time zone) and the exact error text.

{{agent.name}}`,
      },
      status: 'pending_customer',
    },
  },
  {
    name: 'Решено по статье / Solved by an article',
    description: 'Public reply closing the loop after an article solved it; resolves the request',
    actions: {
      message: {
        visibility: 'public',
        body: `{{customer.name}}, рады, что инструкция помогла. Обращение {{ticket.key}} отмечено решённым; если вопрос вернётся, просто ответьте на это сообщение.

{{customer.name}}, glad the article helped. {{ticket.key}} is marked resolved; reply to this message if the problem comes back.

{{agent.name}}`,
      },
      status: 'resolved',
    },
  },
  {
    name: 'Массовая проблема / Mass incident',
    description: 'Mark as part of a known platform incident: high priority, tag, internal note',
    actions: { set: { priority: 'high', tags: ['mass-incident'] }, message: { visibility: 'internal', body: 'Linked to a mass incident by {{agent.name}}; customer {{org.name}}.' } },
  },
];

async function seedMacros(trx: Kysely<DB> | Transaction<DB>): Promise<number> {
  const have = new Set((await trx.selectFrom('macros').select('name').execute()).map((r) => r.name));
  const missing = defaultMacros.filter((m) => !have.has(m.name));
  if (missing.length === 0) return 0;
  await trx
    .insertInto('macros')
    .values(missing.map((m) => ({ name: m.name, description: m.description, actions: JSON.stringify(m.actions), created_at: new Date(), updated_at: new Date() })))
    .execute();
  return missing.length;
}
