/**
 * The default corpus labels a request by service and type; the product suggests a catalogue item
 * (by code, from the default catalogue in src/seed/base.ts). This maps one onto the other, both ways,
 * so the corpus trains a catalogue head and the desk's history (labelled by catalogue item) trains
 * the service head.
 */
export const PRODUCT_TARGETS = ['type', 'catalogue', 'priority', 'line'] as const;
export type ProductTarget = (typeof PRODUCT_TARGETS)[number];

/** The catalogue item a corpus example belongs to. */
export function catalogueCodeFor(service: string, type: string): string {
  if (type === 'security') return 'platform.security.report';
  if (type === 'access_recovery') return 'account.access.recovery';
  if (type === 'vendor' || service === 'marketplace') return 'marketplace.product.issue';
  if (service === 'billing' || type === 'billing') return 'billing.charges.question';
  if (service === 'quotas') return 'account.quotas.change';
  if (type === 'question' || type === 'feedback') return 'platform.console.question';
  switch (service) {
    case 'compute':
      return type === 'service_request' ? 'compute.vm.resize' : 'compute.vm.unavailable';
    case 'block_storage':
      return 'storage.block.io';
    case 'object_storage':
      return 'storage.s3.access';
    case 'network':
      return 'network.connectivity.loss';
    case 'kubernetes':
      return 'kubernetes.cluster.issue';
    case 'databases':
      return 'databases.instance.issue';
    case 'account':
      return 'account.access.recovery';
    default:
      return 'platform.console.question';
  }
}

const SERVICE_BY_PREFIX: Array<[string, string]> = [
  ['compute.', 'compute'],
  ['storage.block', 'block_storage'],
  ['storage.s3', 'object_storage'],
  ['storage.', 'block_storage'],
  ['network.', 'network'],
  ['kubernetes.', 'kubernetes'],
  ['databases.', 'databases'],
  ['account.quotas', 'quotas'],
  ['account.', 'account'],
  ['billing.', 'billing'],
  ['marketplace.', 'marketplace'],
];

/** The corpus service of a catalogue code (an admin's own items fall back to `platform`). */
export function serviceForCatalogue(code: string): string {
  for (const [prefix, service] of SERVICE_BY_PREFIX) if (code === prefix.replace(/\.$/, '') || code.startsWith(prefix)) return service;
  return 'platform';
}
