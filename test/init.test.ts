import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import * as initMod from '../src/scaffold/init.js';
import * as recipesMod from '../src/scaffold/recipes.js';
import * as siteMod from '../src/scaffold/site.js';
import { createPost } from '../src/scaffold/create-post.js';
import { FilesExistError } from '../src/scaffold/write.js';
import { initCommand } from '../src/commands/init.js';
import { build } from '../src/build.js';

const { initSite } = initMod;
const { hostRecipe, hosts } = recipesMod;
const { firstPostPath } = siteMod;

function tmp(name = 'my-site'): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onair-init-test-')), name);
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function matterOf(source: string): Record<string, unknown> {
  const match = /^---\n([^]*?)\n---\n/.exec(source);
  assert.ok(match, 'the post starts with front matter');
  return load(match[1]!) as Record<string, unknown>;
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };

test('should expose initSite, the recipes and the site files', () => {
  assert.deepEqual(Object.keys(initMod), ['initSite']);
  assert.deepEqual(Object.keys(recipesMod).sort(), ['buildCommand', 'hostRecipe', 'hosts', 'publishDir']);
  assert.deepEqual(Object.keys(siteMod).sort(), ['firstPostPath', 'siteFiles']);
});

test('should write config, a first interview, static/, .gitignore and package.json', async () => {
  const dir = tmp();
  const now = new Date('2026-11-25T10:00:00Z');
  const result = await initSite({ dir, now });
  const post = firstPostPath(now);
  assert.match(post, /^content\/post\/\d{4}-\d{2}-\d{2}-first-interview\.md$/);
  assert.deepEqual(result, { written: ['onair.yaml', post, 'static/.gitkeep', '.gitignore', 'package.json'], recipeOnly: false });
  assert.deepEqual(load(read(dir, 'onair.yaml')), { title: 'my-site', baseUrl: 'https://example.com/', language: 'en' });
  assert.deepEqual(read(dir, '.gitignore').split('\n').filter(Boolean), ['node_modules/', 'public/', '.onair-cache/', '.onair-spare-*/']);
  const pkg = JSON.parse(read(dir, 'package.json'));
  assert.equal(pkg.name, 'my-site');
  assert.deepEqual(pkg.scripts, { build: 'onair build', dev: 'onair dev --drafts' });
  assert.match(pkg.devDependencies.onair, /^\^\d+\.\d+\.\d+$/);
  const source = read(dir, post);
  const matter = matterOf(source);
  assert.deepEqual(Object.keys(matter), ['title', 'description', 'author', 'date', 'tags', 'categories', 'videos', 'speakers']);
  assert.deepEqual(matter.videos, [{ platform: 'youtube', id: 'JtD5wL5WABI' }, { platform: 'bilibili', id: 'BV1ZG411S75r' }]);
  assert.deepEqual((matter.speakers as Array<{ label: string }>).map((s) => s.label), ['Ada', 'Grace']);
  assert.match(source, /^## Videos\n\n\{\{< youtube JtD5wL5WABI >\}\}\n\n\{\{< bilibili BV1ZG411S75r >\}\}$/m);
  assert.equal(source.match(/^(Ada|Grace): /gm)?.length, 4);
});

test('should write a site that builds as it is, and a new interview that builds as a draft', async () => {
  const dir = tmp();
  const now = new Date();
  await initSite({ dir, now });
  const result = await build({ root: dir });
  assert.equal(result.ok, true);
  assert.deepEqual([result.errors, result.warnings], [0, 0]);
  const page = path.join(result.outDir, 'post', path.basename(firstPostPath(now), '.md'), 'index.html');
  const html = fs.readFileSync(page, 'utf8');
  assert.match(html, /My first interview/);
  assert.match(html, /JtD5wL5WABI/);
  assert.match(html, /BV1ZG411S75r/);

  await createPost({ root: dir, kind: 'interview', title: 'Second: "draft"', now });
  const drafts = await build({ root: dir, drafts: true });
  assert.equal(drafts.ok, true);
  assert.deepEqual([drafts.errors, drafts.warnings], [0, 0]);
  assert.equal(drafts.pages, result.pages + 1);
});

test('should refuse to overwrite, naming the files, and write nothing', async () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'static'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"mine"}');
  fs.writeFileSync(path.join(dir, 'static/.gitkeep'), 'keep');
  await assert.rejects(initSite({ dir }), (error: Error) => {
    assert.ok(error instanceof FilesExistError);
    assert.deepEqual(error.paths, ['static/.gitkeep', 'package.json']);
    assert.match(error.message, /^Unexpected existing files `static\/.gitkeep`, `package.json`: onair never overwrites files/);
    return true;
  });
  assert.deepEqual(fs.readdirSync(dir).sort(), ['package.json', 'static']);
  assert.equal(read(dir, 'package.json'), '{"name":"mine"}');
});

test('should init a folder holding only .git, or unrelated files', async () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), '# Mine\n');
  const result = await initSite({ dir });
  assert.equal(result.written.length, 5);
  assert.equal(read(dir, 'README.md'), '# Mine\n');
});

test('should add only the recipe to an existing site, once', async () => {
  const dir = tmp();
  await initSite({ dir });
  const before = read(dir, 'onair.yaml');
  assert.deepEqual(await initSite({ dir, host: 'vercel' }), { written: ['vercel.json'], recipeOnly: true });
  await assert.rejects(initSite({ dir, host: 'vercel' }), /Unexpected existing file `vercel.json`/);
  await assert.rejects(initSite({ dir }), /Unexpected existing files `onair.yaml`/);
  assert.equal(read(dir, 'onair.yaml'), before);
});

test('should write a GitHub Actions workflow that builds with npm ci, caches, and deploys to Pages', async () => {
  const dir = tmp();
  await initSite({ dir, host: 'github' });
  const workflow = load(read(dir, '.github/workflows/deploy.yml')) as {
    on: { push: { branches: string[] } };
    permissions: Record<string, string>;
    jobs: { build: { steps: Step[] }; deploy: { needs: string; steps: Step[]; environment: { name: string } } };
  };
  assert.deepEqual(workflow.on.push.branches, ['main']);
  assert.deepEqual(workflow.permissions, { contents: 'read', pages: 'write', 'id-token': 'write' });
  const steps = workflow.jobs.build.steps;
  const uses = (name: string) => steps.find((s) => s.uses?.startsWith(`${name}@`));
  assert.deepEqual(uses('actions/setup-node')?.with, { 'node-version': 20, cache: 'npm' });
  const runs = steps.filter((s) => s.run).map((s) => s.run);
  assert.deepEqual(runs, ['npm ci', 'npx onair build --base-url "$BASE_URL"']);
  assert.equal(steps.find((s) => s.run?.startsWith('npx onair build'))?.env?.BASE_URL, '${{ steps.pages.outputs.base_url }}');
  const cache = uses('actions/cache');
  assert.equal(cache?.with?.path, '.onair-cache');
  assert.match(String(cache?.with?.key), /hashFiles\('package-lock.json'\).*hashFiles\('content\/\*\*'/);
  const order = steps.map((s) => s.uses?.split('@')[0] ?? s.run);
  assert.ok(order.indexOf('actions/cache') < order.indexOf('npx onair build --base-url "$BASE_URL"'), 'the cache is restored before the build');
  assert.deepEqual(uses('actions/upload-pages-artifact')?.with, { path: 'public' });
  assert.equal(workflow.jobs.deploy.needs, 'build');
  assert.equal(workflow.jobs.deploy.environment.name, 'github-pages');
  assert.match(String(workflow.jobs.deploy.steps[0]?.uses), /^actions\/deploy-pages@/);
});

test('should write netlify.toml with the build command, publish folder and Node 20', async () => {
  const dir = tmp();
  await initSite({ dir, host: 'netlify' });
  assert.deepEqual(JSON.parse(JSON.stringify(parseToml(read(dir, 'netlify.toml')))), {
    build: { command: 'npx onair build', publish: 'public', environment: { NODE_VERSION: '20' } },
  });
});

test('should write wrangler.toml for Cloudflare Pages with the output folder and documented build command', async () => {
  const dir = tmp('My Blog');
  await initSite({ dir, host: 'cloudflare', now: new Date('2026-11-25T10:00:00Z') });
  const text = read(dir, 'wrangler.toml');
  const config = parseToml(text) as Record<string, unknown>;
  assert.equal(config.pages_build_output_dir, 'public');
  assert.equal(config.name, 'my-blog');
  assert.match(String(config.compatibility_date), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(text, /^# .*Build command: npx onair build/m);
  assert.equal(read(dir, '.node-version'), '20\n');
});

test('should write vercel.json with the build command and output directory', async () => {
  const dir = tmp();
  await initSite({ dir, host: 'vercel' });
  const config = JSON.parse(read(dir, 'vercel.json'));
  assert.equal(config.buildCommand, 'npx onair build');
  assert.equal(config.outputDirectory, 'public');
  assert.equal(config.installCommand, 'npm ci');
  assert.equal(config.framework, null);
});

test('should give every host a recipe', () => {
  for (const host of hosts) assert.ok(Object.keys(hostRecipe(host, { name: 'x', day: '2026-01-01' })).length > 0, host);
});

test('should run `onair init DIR --host` and exit 1 instead of overwriting', async (t) => {
  const dir = tmp();
  const logs: string[] = [];
  const errors: string[] = [];
  t.mock.method(console, 'log', (line: string) => logs.push(line));
  t.mock.method(console, 'error', (line: string) => errors.push(line));
  assert.equal(await initCommand.run([dir, '--host', 'netlify']), 0);
  assert.ok(logs.includes('  created netlify.toml'));
  assert.match(logs.at(-1)!, /Next: cd .* && npm install && npm run dev$/);
  assert.equal(await initCommand.run([dir]), 1);
  assert.match(errors[0]!, /^onair init: Unexpected existing files `onair.yaml`/);
  await assert.rejects(initCommand.run([dir, '--host', 'heroku']), /Unexpected host `heroku`, expected one of `github`, `netlify`, `cloudflare`, `vercel`/);
});
