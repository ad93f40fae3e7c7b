/**
 * Request guards against DNS rebinding and cross-site use of the dev server:
 * the `Host` header must name this server, and the reload channel only
 * answers same-origin requests.
 */
import os from 'node:os';
import type { IncomingMessage } from 'node:http';

const loopback = ['localhost', '127.0.0.1', '[::1]'];
const wildcard = new Set(['0.0.0.0', '::', '[::]']);

/**
 * Host names (lowercase, IPv6 in brackets) a request may name for a server
 * bound to `host`: loopback names always; for a wildcard bind, also every
 * interface address and this machine's name.
 */
export function allowedHostNames(host: string): Set<string> {
  const names = new Set(loopback);
  const bound = host.toLowerCase();
  if (wildcard.has(bound)) {
    for (const address of interfaceAddresses()) names.add(address.includes(':') ? `[${address}]` : address);
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  }
  return names;
}

/** Every IPv4 and IPv6 address of this machine's interfaces (scope ids dropped). */
export function interfaceAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) found.push(info.address.replace(/%.*$/, ''));
  }
  return found;
}

/**
 * True when the `Host` header names this server: an allowed name with the
 * server's port (the port may be left out only when it is 80).
 */
export function isAllowedHost(header: string | undefined, names: Set<string>, port: number): boolean {
  if (!header) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return false;
  const name = match[1]!.toLowerCase();
  const given = match[2] === undefined ? 80 : Number(match[2]);
  return names.has(name) && given === port;
}

/**
 * True when a request may use the reload channel: no `Origin` (same-origin
 * GETs and non-browser clients send none) or an origin equal to
 * `http://<Host>`, and no cross-site fetch metadata.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${(req.headers.host ?? '').toLowerCase()}`;
}
