/**
 * Start times as writers and platforms spell them: `90`, `90s`, `1m30s`,
 * `1h2m3s`, `1:30`, `01:02:03`.
 */

/**
 * Parses a time offset into whole seconds; `undefined` when `value` is not a
 * time. Fractions are dropped (players take whole seconds).
 */
export function parseSeconds(value: string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?s?$/.test(text)) return Math.floor(Number.parseFloat(text));
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)(?:\.\d+)?s)?$/.exec(text);
  if (units && text !== '') {
    return Number(units[1] || 0) * 3600 + Number(units[2] || 0) * 60 + Number(units[3] || 0);
  }
  const clock = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.\d+)?$/.exec(text);
  if (clock) return Number(clock[1] || 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return undefined;
}
