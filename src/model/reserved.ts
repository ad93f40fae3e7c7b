/**
 * Path segments Windows cannot have as file or folder names: the device names
 * `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9` (any case, also
 * with an extension: `con.txt`), and names ending in a dot or a space. A site
 * with such an output path cannot be checked out, copied or served there.
 *
 * onair's rule: such a segment gets one `_`: after the device name
 * (`con` → `con_`, `aux.txt` → `aux_.txt`) or at the end (`v1.` → `v1._`).
 * The change is made where URLs are made, so links point at the new URL;
 * callers warn with `reserved-name`.
 */

const device = /^(con|prn|aux|nul|com\d|lpt\d)(?=\.|$)/i;

/** Why `segment` cannot be a Windows file name, or `undefined` when it can. `.` and `..` are not judged here. */
export function reservedReason(segment: string): string | undefined {
  if (segment === '.' || segment === '..' || segment === '') return undefined;
  if (device.test(segment)) return 'a Windows device name';
  if (/[. ]$/.test(segment)) return 'a trailing dot or space';
  return undefined;
}

/** `con` → `con_`, `aux.txt` → `aux_.txt`, `v1.` → `v1._`; other segments as they are. */
export function neutralizeSegment(segment: string): string {
  const why = reservedReason(segment);
  if (!why) return segment;
  const named = device.test(segment) ? segment.replace(device, '$1_') : segment;
  return /[. ]$/.test(named) ? `${named}_` : named;
}

/** A path with every segment neutralised, and the segments that were changed (as written). */
export interface NeutralizedPath {
  path: string;
  reserved: string[];
}

/** Neutralises each `/`-separated segment of `path` (see {@link neutralizeSegment}). */
export function neutralizePath(path: string): NeutralizedPath {
  const reserved: string[] = [];
  const segments = path.split('/').map((segment) => {
    const safe = neutralizeSegment(segment);
    if (safe !== segment) reserved.push(segment);
    return safe;
  });
  return { path: segments.join('/'), reserved };
}

/**
 * The `reserved-name` warning text: `what` names the source (`file name`,
 * `slug`, `tag`…), `value` the value as written, `url` where it goes now.
 */
export function reservedNameReason(what: string, value: string, reserved: readonly string[], url: string): string {
  const names = reserved.map((segment) => `\`${segment}\``).join(', ');
  return `Unexpected reserved name ${names} in ${what} \`${value}\`, expected a name Windows allows (not \`CON\`, \`NUL\`, \`AUX\`, \`PRN\`, \`COM1\`–\`COM9\`, \`LPT1\`–\`LPT9\`, nor ending in \`.\` or a space): it is served at \`${url}\`; rename it`;
}

/** Why a file copied under its own name (`static/`, bundle resources) cannot be published as is, if it cannot. */
export function reservedFileReason(file: string): string | undefined {
  const bad = file.split('/').filter((segment) => reservedReason(segment));
  if (bad.length === 0) return undefined;
  const names = bad.map((segment) => `\`${segment}\``).join(', ');
  return `Unexpected reserved name ${names} in a file copied to the site, expected a name Windows allows (not \`CON\`, \`NUL\`, \`AUX\`, \`PRN\`, \`COM1\`–\`COM9\`, \`LPT1\`–\`LPT9\`, nor ending in \`.\` or a space): the site cannot be copied to Windows; rename it`;
}
