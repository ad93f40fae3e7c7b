/**
 * Readers for the list-of-records fields of a post: `metadata` (link
 * buttons), `videos` and `speakers`. A bad entry is reported and skipped;
 * the good ones are kept.
 */
import type { MetadataLink, Speaker, VideoRef } from '../types.js';
import type { MatterPath } from './locate.js';
import { isRecord, readNumber, readString, readUrl, wrongType } from './fields.js';
import type { FieldContext } from './fields.js';

const platforms = new Set<VideoRef['platform']>(['youtube', 'bilibili', 'vimeo']);
const videoIds: Record<VideoRef['platform'], RegExp> = {
  youtube: /^[\w-]{11}$/,
  bilibili: /^(?:BV[\dA-Za-z]{10}|av\d{1,12})$/,
  vimeo: /^\d{1,12}$/,
};
const videoIdForms: Record<VideoRef['platform'], string> = {
  youtube: '11 letters, digits, `-` or `_`',
  bilibili: '`BV` and 10 letters or digits, or `av` and digits',
  vimeo: 'digits',
};

/** Calls `read` for each entry of a list, collecting what it returns. */
function eachEntry<T>(
  ctx: FieldContext,
  path: MatterPath,
  value: unknown,
  expected: string,
  read: (entry: unknown, path: MatterPath) => T | undefined,
): T[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return wrongType(ctx, path, value, `a list of ${expected}`) ?? [];
  const result: T[] = [];
  value.forEach((entry, index) => {
    const item = read(entry, [...path, index]);
    if (item !== undefined) result.push(item);
  });
  return result;
}

/** `metadata: [{text, link}]`: buttons linking to the post's videos and pages. */
export function readMetadata(ctx: FieldContext, path: MatterPath, value: unknown): MetadataLink[] {
  return eachEntry(ctx, path, value, '`{text, link}` entries', (entry, at) => {
    if (!isRecord(entry)) return wrongType(ctx, at, entry, 'a mapping with `text` and `link`');
    const text = readString(ctx, [...at, 'text'], entry.text);
    const rawLink = readString(ctx, [...at, 'link'], entry.link);
    if (text === undefined || rawLink === undefined) {
      // A wrong type was reported by readString; only a missing value is left to say.
      const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
      return blank(entry.text) || blank(entry.link) ? wrongType(ctx, at, entry, 'both `text` and `link`') : undefined;
    }
    const link = readUrl(ctx, [...at, 'link'], rawLink, false);
    return link === undefined ? undefined : { text, link };
  });
}

/** `videos: [{platform, id, page?, title?}]` with the platform and id checked. */
export function readVideos(ctx: FieldContext, path: MatterPath, value: unknown): VideoRef[] {
  return eachEntry(ctx, path, value, '`{platform, id}` entries', (entry, at) => {
    if (!isRecord(entry)) return wrongType(ctx, at, entry, 'a mapping with `platform` and `id`');
    const name = readString(ctx, [...at, 'platform'], entry.platform)?.toLowerCase();
    const id = readString(ctx, [...at, 'id'], entry.id);
    if (name === undefined || !platforms.has(name as VideoRef['platform'])) {
      ctx.report(
        `Unexpected platform \`${name ?? ''}\`, expected \`youtube\`, \`bilibili\` or \`vimeo\``,
        'unknown-video-platform',
        [...at, 'platform'],
        { fatal: true },
      );
      return undefined;
    }
    const platform = name as VideoRef['platform'];
    if (id === undefined || !videoIds[platform].test(id)) {
      ctx.report(
        `Unexpected ${platform} id \`${id ?? ''}\`, expected ${videoIdForms[platform]}`,
        'invalid-video-id',
        [...at, 'id'],
        { fatal: true },
      );
      return undefined;
    }
    const video: VideoRef = { platform, id };
    const page = readNumber(ctx, [...at, 'page'], entry.page);
    if (page !== undefined) {
      if (Number.isInteger(page) && page >= 1) video.page = page;
      else wrongType(ctx, [...at, 'page'], entry.page, 'a whole number from 1');
    }
    const title = readString(ctx, [...at, 'title'], entry.title);
    if (title !== undefined) video.title = title;
    return video;
  });
}

/** `speakers: [{name, label, role, link, avatar}]`; a plain string is a name. */
export function readSpeakers(ctx: FieldContext, path: MatterPath, value: unknown): Speaker[] {
  return eachEntry(ctx, path, value, 'speakers', (entry, at) => {
    if (typeof entry === 'string' || typeof entry === 'number') {
      const name = readString(ctx, at, entry);
      return name === undefined ? undefined : { name };
    }
    if (!isRecord(entry)) return wrongType(ctx, at, entry, 'a mapping with a `name`');
    const name = readString(ctx, [...at, 'name'], entry.name);
    if (name === undefined) return wrongType(ctx, at, entry, 'a mapping with a `name`');
    const speaker: Speaker = { name };
    const label = readString(ctx, [...at, 'label'], entry.label);
    const role = readString(ctx, [...at, 'role'], entry.role);
    const link = readUrl(ctx, [...at, 'link'], entry.link, false);
    const avatar = readUrl(ctx, [...at, 'avatar'], entry.avatar, true);
    if (label !== undefined) speaker.label = label;
    if (role !== undefined) speaker.role = role;
    if (link !== undefined) speaker.link = link;
    if (avatar !== undefined) speaker.avatar = avatar;
    return speaker;
  });
}
