/**
 * Term name → URL, the same as Hugo. Every expected value below was checked
 * against the Debian `hugo` v0.111.3 binary by building a site with these
 * tags and listing `public/tags/` (and the RelPermalinks Hugo printed). The
 * rows marked "deviation" differ on purpose (safety).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as terms from '../src/model/terms.js';
import { buildTaxonomies } from '../src/model/taxonomy.js';
import type { PostMeta } from '../src/types.js';

test('should expose urlize, encodePath, mergeTermNames and helpers', () => {
  assert.deepEqual(Object.keys(terms).sort(), ['encodePath', 'goLowerCase', 'hugoUrlize', 'mergeTermNames', 'unicodeSanitize', 'urlize']);
});

const table: Array<[string, string, string?]> = [
  ['Service Mesh', 'service-mesh'],
  ['service mesh', 'service-mesh'],
  ['C++', 'c++'],
  ['C#', 'c#'],
  ['Istio 1.0', 'istio-1.0'],
  ['云原生', '云原生'],
  ['Envoy Gateway', 'envoy-gateway'],
  ['Tun/Tap', 'tun/tap'],
  ['Foo  Bar', 'foo-bar'],
  ['Hello_World', 'hello_world'],
  ['Ünïcode Ä', 'ünïcode-ä'],
  ['x?y', 'xy'],
  ['a&b', 'ab'],
  ['a;b', 'ab'],
  ['100%', '100'],
  ["what's up", 'whats-up'],
  ['K8s:API', 'k8sapi'],
  ['  trim  ', 'trim'],
  ['a--b', 'a--b'],
  ['Emoji 🚀', 'emoji'],
  ['Tab\tX', 'tab-x'],
  ['dots...', 'dots..._', 'deviation: Hugo writes `dots...`, a folder name Windows cannot have'],
  ['NUL', 'nul_', 'deviation: Hugo writes `nul`, a Windows device name'],
  ['(paren)', 'paren'],
  ['a+b=c', 'a+bc'],
  ['@home', '@home'],
  ['a~b', 'a~b'],
  ['中文 空格', '中文-空格'],
  ['日本語テキスト', '日本語テキスト'],
  ['ΣΑΣ', 'σασ'],
  ['İstanbul', 'istanbul'],
  ['٣٤', '٣٤'],
  ['a%20b', 'a%20b'],
  ['%zz', 'zz'],
  ['x y/ z', 'x-y/-z'],
  ['a//b', 'a/b'],
  ['a/../b', 'b'],
  ['/lead', 'lead'],
  ['trail/', 'trail'],
  ['-dash-', '-dash-'],
  ['ⅻ', ''],
  ['../up', 'up', 'deviation: Hugo writes it outside the taxonomy, to /up/'],
  ['A\\B', 'ab', 'deviation: Hugo keeps the backslash (a%5Cb)']
];

for (const [name, key, note] of table) {
  test(`should urlize \`${name}\` to \`${key}\`${note ? ` (${note})` : ' as Hugo does'}`, () => {
    assert.equal(terms.urlize(name), key);
  });
}

test('should percent-encode URLs for href like Hugo RelPermalink, escaping # and ?', () => {
  assert.equal(terms.encodePath('/tags/云原生/'), '/tags/%E4%BA%91%E5%8E%9F%E7%94%9F/');
  assert.equal(terms.encodePath('/tags/c#/'), '/tags/c%23/');
  assert.equal(terms.encodePath('/tags/c++/'), '/tags/c++/');
  assert.equal(terms.encodePath('/tags/a%20b/'), '/tags/a%2520b/');
  assert.equal(terms.encodePath('/tags/ñandú/'), '/tags/%C3%B1and%C3%BA/');
});

test('should merge spellings and keep the most used one as the name', () => {
  const merged = terms.mergeTermNames(['service mesh', 'Service Mesh', 'Service Mesh', 'service-mesh', 'Istio']);
  assert.deepEqual(merged.get('service-mesh'), {
    key: 'service-mesh',
    name: 'Service Mesh',
    spellings: ['service mesh', 'Service Mesh', 'service-mesh']
  });
  assert.equal(merged.get('istio')?.name, 'Istio');
});

function post(n: number, tags: string[], extra: Partial<PostMeta> = {}): PostMeta {
  return {
    title: `Post ${n}`, titleFromFileName: false, draft: false, tags, categories: ['Tech'],
    taxonomies: { tags, categories: ['Tech'] }, metadata: [], showToc: false, aliases: [],
    keywords: [], videos: [], speakers: [], params: {}, date: new Date(Date.UTC(2023, 0, n)),
    sourcePath: `content/post/p${n}.md`, contentPath: `post/p${n}.md`, section: 'post', kind: 'page',
    url: `/post/p${n}/`, outputPath: `post/p${n}/index.html`, slugName: `p${n}`, resources: [], ...extra
  };
}

test('should build terms with posts newest first, merged spellings and warnings', () => {
  const posts = [
    post(1, ['Service Mesh', 'Istio']),
    post(3, ['service mesh', 'istio', 'Istio']),
    post(2, ['Service Mesh', '🚀']),
    post(4, ['Service Mesh'], { kind: 'section' })
  ];
  const { taxonomies, warnings } = buildTaxonomies(posts, { tag: 'tags', category: 'categories' });
  const tags = taxonomies[0];
  assert.equal(tags.url, '/tags/');
  assert.deepEqual(tags.terms.map((t) => [t.key, t.name, t.url, t.posts.map((p) => p.title)]), [
    ['istio', 'Istio', '/tags/istio/', ['Post 3', 'Post 1']],
    ['service-mesh', 'Service Mesh', '/tags/service-mesh/', ['Post 3', 'Post 2', 'Post 1']]
  ]);
  assert.deepEqual(taxonomies[1].terms.map((t) => [t.url, t.posts.length]), [['/categories/tech/', 3]]);
  assert.deepEqual(warnings.map((w) => [w.ruleId, w.sourcePath, w.reason]), [
    ['empty-term', 'content/post/p2.md', 'Unexpected tag `🚀` with no letters or digits, expected a name that makes a URL: it gets no page; rename or remove it'],
    ['term-spelling', 'content/post/p3.md', 'Unexpected tag spelling `service mesh`, expected `Service Mesh`: `service mesh`, `Service Mesh` are one tag (`/tags/service-mesh/`); use one spelling'],
    ['term-spelling', 'content/post/p3.md', 'Unexpected tag spelling `istio`, expected `Istio`: `istio`, `Istio` are one tag (`/tags/istio/`); use one spelling']
  ]);
});

/**
 * Build one Hugo site with post `pN` tagged `names[N]`; return, per name, the
 * folder under `public/tags/` whose term page lists that post ('' if none).
 */
function hugoTermKeys(hugo: string, dir: string, names: string[]): string[] {
  fs.mkdirSync(path.join(dir, 'content/post'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'layouts/_default'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "https://blog.test/"\ntitle = "t"\n');
  // The term list: the fallback for a term whose page lists nothing (Hugo 0.111 drops the post tagged `dots...`).
  fs.writeFileSync(path.join(dir, 'layouts/_default/terms.html'), '{{ range .Pages }}{{ .RelPermalink }}|{{ .Title }}\n{{ end }}');
  fs.writeFileSync(path.join(dir, 'layouts/_default/single.html'), '{{ .Title }}');
  fs.writeFileSync(path.join(dir, 'layouts/_default/list.html'), '{{ range .Pages }}[{{ .Title }}]{{ end }}');
  names.forEach((name, n) => {
    fs.writeFileSync(path.join(dir, `content/post/p${n}.md`), `---\ntitle: p${n}\ndate: 2023-01-01\ntags: [${JSON.stringify(name)}]\n---\nx\n`);
  });
  execFileSync(hugo, ['--quiet', '--source', dir], { stdio: 'pipe' });
  const tags = path.join(dir, 'public/tags');
  const keys = names.map(() => '');
  for (const file of fs.readdirSync(tags, { recursive: true }) as string[]) {
    if (!file.endsWith('index.html') || file === 'index.html') continue;
    const html = fs.readFileSync(path.join(tags, file), 'utf8');
    for (const m of html.matchAll(/\[p(\d+)\]/g)) keys[Number(m[1])] = path.dirname(file).split(path.sep).join('/');
  }
  return keys.map((key, n) => {
    if (key !== '') return key;
    const html = fs.readFileSync(path.join(tags, 'index.html'), 'utf8').replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
    const line = html.split('\n').find((l) => l.endsWith(`|${names[n]}`));
    const link = line ? /^\/tags\/(.*)\/\|/.exec(line)?.[1] ?? '' : '';
    // Undo the UTF-8 escapes of RelPermalink, keeping other `%XX` as Hugo wrote them.
    return link.replace(/(%[89a-f][\da-f])+/gi, (m) => decodeURIComponent(m));
  });
}

test('should match the real hugo binary for every table row (not the deviations)', (t) => {
  const hugo = ['/usr/bin/hugo', '/usr/local/bin/hugo'].find((p) => fs.existsSync(p));
  if (!hugo) {
    if (process.env.CI === 'true') assert.fail('hugo not found: CI installs it (apt-get install hugo)');
    return t.skip('hugo not found: apt-get install hugo to compare with Hugo itself');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-hugo-'));
  try {
    const rows = table.filter(([, , note]) => !note);
    const real = hugoTermKeys(hugo, dir, rows.map(([name]) => name));
    const differ = rows.map(([name, key], i) => [name, key, real[i]]).filter(([, key, hugoKey]) => key !== hugoKey);
    assert.deepEqual(differ, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
