import { isIP } from 'node:net';
import { classifyAddress } from '@herald/core';

const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa'];

/**
 * True when the internet cannot reach this host: any address that is not public (the same address policy the
 * webhook and upload-from-URL requests use), `localhost`, local-only suffixes, and single-label names such as
 * a Docker service name.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) !== 0) return classifyAddress(host) !== 'public';
  if (host === 'localhost' || !host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
