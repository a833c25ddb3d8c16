/**
 * Webhooks must not reach inside the provider's network: loopback, private, link-local (the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, unique-local and multicast addresses are refused unless
 * WEBHOOK_ALLOW_PRIVATE=true. An address literal is refused when the webhook is saved; a host name is checked
 * at every delivery by the lookup the connection itself uses, so a DNS answer cannot change between the check
 * and the connect.
 */
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { AppError } from '../../shared/errors.js';

const internal = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  // IPv4-mapped addresses are checked as IPv4 below: an ::ffff:0:0/96 rule here would match every IPv4 address.
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(prefix, bits, 'ipv6');
}

/** True for an address a webhook may not target (see the module comment). */
export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // An IPv4-mapped IPv6 address is checked as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return internal.check(mapped[1], 'ipv4');
  }
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** The reason a URL may not be saved as a webhook target, or null (host names are checked on delivery). */
export function refusedTarget(url: string, allowInternal: boolean): string | null {
  if (allowInternal) return null;
  const host = hostOf(new URL(url));
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not target this machine (set WEBHOOK_ALLOW_PRIVATE=true to allow)';
  if (isInternalAddress(host)) return 'must not target a private, loopback or link-local address (set WEBHOOK_ALLOW_PRIVATE=true to allow)';
  return null;
}

export function assertAllowedTarget(url: string, allowInternal: boolean): void {
  const why = refusedTarget(url, allowInternal);
  if (why) throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'body.url', message: why }]);
}

/** A DNS lookup for http.request that fails when any address of the host is internal. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const bad = addresses.find((a) => isInternalAddress(a.address));
    if (bad) {
      const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to an internal address (${bad.address})`);
      e.code = 'EINTERNALTARGET';
      return callback(e, '', 0);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};
