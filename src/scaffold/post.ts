/**
 * What `onair new interview|post "Title"` writes: front matter and section
 * stubs for a new draft.
 */
import { markdownDocument } from './document.js';
import { localTimestamp } from './slug.js';

/** Kinds of post `onair new` scaffolds. */
export type PostKind = 'interview' | 'post';

/** Every kind, in the order usage text lists them. */
export const postKinds: readonly PostKind[] = ['interview', 'post'];

/** Options of {@link newPostSource}. */
export interface NewPostOptions {
  kind: PostKind;
  title: string;
  /** Creation time; the front matter `date`. */
  now: Date;
}

// Placeholders in the shape the id validators accept, obviously not real.
const youtubePlaceholder = 'XXXXXXXXXXX';
const bilibiliPlaceholder = 'BV1XXXXXXXXX';

/** Source of a new draft post of the given kind. */
export function newPostSource(options: NewPostOptions): string {
  const { kind, title, now } = options;
  const common = { title, description: '', date: localTimestamp(now), draft: true, tags: [], categories: [] };
  if (kind === 'post') return markdownDocument(common, 'Write your post here.');
  const matter = {
    ...common,
    videos: [
      { platform: 'youtube', id: youtubePlaceholder },
      { platform: 'bilibili', id: bilibiliPlaceholder },
    ],
    speakers: [
      { name: 'Host Name', label: 'Host', role: 'Interviewer' },
      { name: 'Guest Name', label: 'Guest', role: 'Guest' },
    ],
  };
  return markdownDocument(matter, interviewBody);
}

const interviewBody = `
Replace the video ids above and below with your own, name the speakers, and
remove \`draft: true\` when the post is ready.

## Videos

{{< youtube ${youtubePlaceholder} >}}

{{< bilibili ${bilibiliPlaceholder} >}}

## Chapters

- [0:00] Introduction
- [5:00] First topic

## Transcript

Host: [0:00] Welcome! Could you introduce yourself?

Guest: Thanks for having me.
`;
