/**
 * What the CLI prints when a server starts: the URL, and for a wildcard or
 * non-loopback bind a warning with every address it is now reachable at.
 */
import { interfaceAddresses } from './guard.js';

const loopbackHost = /^(?:localhost|127(?:\.\d+){3}|::1|\[::1\])$/i;

/** Lines announcing a server bound to `host:port` serving `url`. */
export function serverBanner(label: string, url: string, host: string, port: number): string[] {
  const lines = [`${label} ${url}`];
  if (loopbackHost.test(host)) return lines;
  const path = new URL(url).pathname;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const addresses = wildcard ? interfaceAddresses().filter((a) => !loopbackHost.test(a)) : [host];
  lines.push(
    `Warning: bound to \`${host}\`: anyone who can reach this machine can read the site${wildcard ? ' on every network it is on' : ''}.`,
    ...addresses.map((a) => `  reachable at http://${a.includes(':') ? `[${a}]` : a}:${port}${path}`),
    'Use the default `--host 127.0.0.1` to keep it local.',
  );
  return lines;
}

/** Parses a `--port` value: an integer 0-65535 (`0` picks a free port). */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) return undefined;
  return Number(value);
}
