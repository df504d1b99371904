import { BlockList, isIP } from 'node:net';

/**
 * Where an outgoing request (a webhook, an upload from a URL) may connect:
 * - `public`: anywhere on the internet;
 * - `private`: this machine or its networks (loopback, RFC 1918, unique-local, CGNAT, benchmarking), allowed only
 *   when the operator opts in (a local test server, a receiver on the LAN);
 * - `forbidden`: never, whatever the setting: unspecified, link-local (where cloud metadata lives, 169.254.169.254),
 *   multicast, broadcast and reserved ranges.
 */
export type AddressClass = 'public' | 'private' | 'forbidden';

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.0.0.0', 24, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('192.0.2.0', 24, 'ipv4');
FORBIDDEN.addSubnet('198.51.100.0', 24, 'ipv4');
FORBIDDEN.addSubnet('203.0.113.0', 24, 'ipv4');
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4');
FORBIDDEN.addSubnet('240.0.0.0', 4, 'ipv4');
FORBIDDEN.addAddress('::', 'ipv6');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6');
FORBIDDEN.addSubnet('2001:db8::', 32, 'ipv6');

/** IPv4 hidden in IPv6 (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`): the IPv4 is what gets reached. */
function embeddedIpv4(ip: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip) ?? /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/i.exec(ip);
  if (!hex?.[1] || !hex[2]) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The class of an IP address; anything that is not an IP address is forbidden. */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(ip);
  if (family === 0) return 'forbidden';
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return classifyAddress(v4);
    if (FORBIDDEN.check(ip, 'ipv6')) return 'forbidden';
    return PRIVATE.check(ip, 'ipv6') ? 'private' : 'public';
  }
  if (ip === '255.255.255.255' || FORBIDDEN.check(ip, 'ipv4')) return 'forbidden';
  return PRIVATE.check(ip, 'ipv4') ? 'private' : 'public';
}

export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'private' && allowPrivate);
}
