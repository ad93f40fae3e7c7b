/**
 * The files of a new site (`onair init`): config, a first interview that
 * builds as it is, `.gitignore` and `package.json`.
 */
import { dump } from 'js-yaml';
import { markdownDocument } from './document.js';
import { localDay, localTimestamp } from './slug.js';
import type { FileMap } from './write.js';
import { packageVersion } from '../util/package.js';

const onairVersion = packageVersion;

/** Options of {@link siteFiles}. */
export interface SiteOptions {
  /** Package name (lowercase, dashes). */
  name: string;
  /** Site title. */
  title: string;
  /** Creation time: the first post's date and file name. */
  now: Date;
}

/** Relative path of the first post for a creation time. */
export function firstPostPath(now: Date): string {
  return `content/post/${localDay(now)}-first-interview.md`;
}

/** Every file of a new site, relative path → contents. */
export function siteFiles(options: SiteOptions): FileMap {
  const config = { title: options.title, baseUrl: 'https://example.com/', language: 'en' };
  const pkg = {
    name: options.name,
    private: true,
    type: 'module',
    scripts: { build: 'onair build', dev: 'onair dev --drafts' },
    devDependencies: { onair: `^${onairVersion}` },
    engines: { node: '>=20.19' },
  };
  return {
    'onair.yaml': `# Site settings; baseUrl is where the site will be served from.\n${dump(config)}`,
    [firstPostPath(options.now)]: firstInterview(options.now),
    'static/.gitkeep': '',
    '.gitignore': 'node_modules/\npublic/\n.onair-cache/\n.onair-spare-*/\n',
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
  };
}

function firstInterview(now: Date): string {
  const matter = {
    title: 'My first interview',
    description: 'A sample interview: one talk on two platforms, two speakers and a short transcript.',
    author: 'Your Name',
    date: localTimestamp(now),
    tags: ['interview'],
    categories: ['Example'],
    videos: [
      { platform: 'youtube', id: 'JtD5wL5WABI' },
      { platform: 'bilibili', id: 'BV1ZG411S75r' },
    ],
    speakers: [
      { name: 'Ada Host', label: 'Ada', role: 'Interviewer' },
      { name: 'Grace Guest', label: 'Grace', role: 'Guest' },
    ],
  };
  return markdownDocument(matter, firstInterviewBody);
}

const firstInterviewBody = `
This is a sample post. Edit it, or write a new one with
\`npx onair new interview "Title"\`.

## Videos

{{< youtube JtD5wL5WABI >}}

{{< bilibili BV1ZG411S75r >}}

## Transcript

Ada: Welcome! What is this site about?

Grace: Interviews. Each post holds the video, the people in it and what they said.

Ada: How does a line become a speaker's turn?

Grace: Start the paragraph with the speaker's label and a colon, as in this transcript.
`;
