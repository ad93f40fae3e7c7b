/**
 * Speaker labels at the start of a paragraph: `Huabing:`, `Huabing：`,
 * `**Huabing:**`, `**Huabing**:`, `赵化冰：`, optionally after a timestamp
 * (`[12:34] Huabing: …`), and the rule that tells a name from a prose label.
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { timestampSeconds } from './timestamps.js';

/** A label found at the start of a paragraph. */
export interface LabelMatch {
  /** The label as written, trimmed (`Huabing`). */
  label: string;
  /** The paragraph's children without the label (a leading timestamp is kept). */
  rest: PhrasingContent[];
  /** Seconds of a timestamp right before or after the label. */
  start?: number;
}

/** Labels that head prose, not speech (compared lowercased, on the first word or the whole label). */
const proseLabels = new Set(
  ('note notes nb n.b. warning warnings caution danger important attention tip tips hint info todo fixme xxx ' +
    'example examples e.g. eg step steps update updated edit edited source sources credit credits disclaimer ' +
    'summary tl;dr tldr ps p.s. result results output input usage see also related pros cons verdict price ' +
    'rating conclusion problem solution question answer fix bug error reason because part chapter section ' +
    'figure fig table phase stage option day week version release date time location where when why how what ' +
    'who status goal goals idea bonus spoiler caveat prerequisites requirements')
    .split(' '),
);
const proseLabelsCjk = new Set(
  '注 注意 注意事项 备注 提示 警告 小贴士 例如 比如 示例 例子 步骤 第一步 更新 来源 出处 说明 总结 结论 问题 答案 原因 结果 时间 地点 链接 参考 补充 免责声明'.split(' '),
);

/** Labels an editor writes between turns (`Note:`, `Update:`, `PS:`, `注：`): such a paragraph is not the speaker's words. */
const editorialLabels = new Set(
  'note notes nb n.b. update updated edit edited correction ps p.s. pps p.p.s. disclaimer source sources credit credits warning caution important'.split(' '),
);
const editorialLabelsCjk = new Set('注 注意 备注 编者注 编者按 编注 提示 警告 更新 补充 说明 免责声明 来源 出处 时间 地点'.split(' '));

/**
 * True when `label` heads an editor's note (`Note`, `Update`, `PS`, `Edit (2026-04-23)`,
 * `注`, `更新`): a paragraph starting so ends the turn above instead of joining it.
 */
export function isEditorialLabel(label: string): boolean {
  const bare = (splitRole(label)?.name ?? label).normalize('NFKC').trim();
  const lower = bare.toLowerCase().replace(/\s+/g, ' ');
  return editorialLabels.has(lower) || editorialLabelsCjk.has(bare) || /^(?:editor|transcriber)[’']?s note$/.test(lower);
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const nameChars = /^[\p{L}\p{M}\p{N} .'’\-·・&]+$/u;

/**
 * True when `label` can name a speaker without being listed in front matter:
 * it starts with a capital or uncased letter, has only letters, digits, spaces
 * and `. ' - · &`, at most 4 words (20 characters for CJK), and is not a prose
 * label such as `Note`, `Step 1` or `注意`.
 */
export function isPlausibleLabel(label: string): boolean {
  if (!nameChars.test(label) || !/^[\p{Lu}\p{Lt}\p{Lo}]/u.test(label)) return false;
  if (cjk.test(label) ? [...label.replace(/\s/g, '')].length > 20 : label.split(/\s+/).length > 4) return false;
  const lower = label.toLowerCase();
  const first = lower.split(/\s+/)[0]!;
  return !proseLabels.has(lower) && !proseLabels.has(first) && !proseLabelsCjk.has(label) && !/^第.+[步章节部]/u.test(label);
}

/**
 * Splits a label with a role in parentheses (`Varun Talwar (Google)`,
 * `林晨（CEO）`) into the name and the role; `undefined` for any other label.
 */
export function splitRole(label: string): { name: string; role: string } | undefined {
  const match = /^(.+?)\s*[(（]([^()（）]{1,40})[)）]$/u.exec(label);
  const name = match?.[1]!.trim();
  const role = match?.[2]!.trim();
  // `Name (00:09)` is a time (see leading-times.ts), not a role.
  return name && role && !/^\d{1,2}:\d{2}(?::\d{2})?$/.test(role) ? { name, role } : undefined;
}

/** Normalizes a label for comparison (case, spaces, width of the colon do not matter). */
export function labelKey(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Finds a speaker label at the start of `paragraph`, in any accepted form. Does not change the paragraph. */
export function parseLabel(paragraph: Paragraph): LabelMatch | undefined {
  const children = [...paragraph.children];
  let start: number | undefined;
  const lead: PhrasingContent[] = [];
  const first = children[0];
  if (first && timestampSeconds(first) !== undefined) {
    start = timestampSeconds(first);
    lead.push(children.shift()!);
    trimStart(children);
  }
  const head = children[0];
  if (!head) return undefined;
  let label: string | undefined;
  if (head.type === 'text') {
    const pattern = /^([^:：\n]{1,60}?)\s?(?::(?=\s|$)|：)\s*/u;
    const next = children[1];
    let match = pattern.exec(head.value);
    let last = head;
    // Text split where an East Asian line break was dropped (`张三\n：你好`) reads on into its next piece.
    if (!match && next?.type === 'text' && next.value.startsWith('：')) {
      match = pattern.exec(head.value + next.value);
      last = next;
    }
    if (match) {
      label = match[1]!.trim();
      const remainder = (last === head ? head.value : head.value + last.value).slice(match[0].length);
      children.splice(0, last === head ? 1 : 2, ...(remainder ? [{ ...last, value: remainder }] : []));
    }
  } else if (head.type === 'strong' || head.type === 'emphasis') {
    const inner = toString(head).trim();
    const next = children[1];
    if (/[:：]$/.test(inner)) {
      label = inner.slice(0, -1).trim();
      children.shift();
    } else if (next?.type === 'text' && /^\s?[:：]/.test(next.value)) {
      label = inner;
      const remainder = next.value.replace(/^\s?[:：]/, '');
      children.splice(0, 2, ...(remainder ? [{ ...next, value: remainder }] : []));
    }
  }
  if (!label) return undefined;
  trimStart(children);
  const after = children[0];
  if (start === undefined && after && timestampSeconds(after) !== undefined) start = timestampSeconds(after);
  return { label, rest: [...lead, ...(lead.length && children.length ? [{ type: 'text', value: ' ' } as const] : []), ...children], start };
}

function trimStart(children: PhrasingContent[]): void {
  const first = children[0];
  if (first?.type !== 'text') return;
  const value = first.value.replace(/^\s+/, '');
  if (value) children[0] = { ...first, value };
  else children.shift();
}
