/**
 * Edit-to-reload time of `onair dev` (a script, not a test): generates a
 * corpus of N reference-shaped posts, starts the dev server, opens one post
 * in headless Chromium, then edits that post's title R times and measures
 * from the write until the open tab shows the new title.
 *
 * Usage: node --import tsx bench/dev-reload.ts [N=1000] [R=5]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/helpers/browser.js';
import { startDevServer } from '../src/serve/dev.js';

const n = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 5);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-dev-bench-'));
execFileSync('node', ['/work/shared/bench/gen-corpus.mjs', path.join(root, 'content/post'), String(n)], { stdio: 'ignore' });
fs.writeFileSync(path.join(root, 'onair.yaml'), 'title: Bench\nbaseUrl: https://bench.example.com/\n');

const builds: number[] = [];
const stages: string[] = [];
const started = performance.now();
const dev = await startDevServer({
  root,
  port: 0,
  onBuild(event) {
    if (event.phase === 'end') {
      builds.push(event.result.time);
      stages.push(Object.entries(event.result.timings ?? {}).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(', '));
    }
    if (event.phase === 'crash') console.error(event.error);
  },
});
console.log(`${n} posts: first build ${Math.round(builds[0] ?? 0)} ms (dev ready after ${Math.round(performance.now() - started)} ms)`);

// Requests off this machine fail at name resolution, inside the browser: intercepting every request
// (as the tests do, to record them) would add a round trip to this script per request and be measured too.
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'], headless: true });
const context = await browser.newContext();
const page = await context.newPage();
const dir = path.join(root, 'content/post');
const name = fs.readdirSync(dir).sort()[Math.floor(n / 2)]!;
const file = path.join(dir, name);
await page.goto(new URL(`post/${name.replace(/\.md$/, '')}/`, dev.url).href);
const url = page.url();
while (dev.channel.clients < 1) await new Promise((r) => setTimeout(r, 20));

// When the first reload of each edit goes out (the tab of the edited post).
let firstReload = 0;
const reload = dev.channel.reload.bind(dev.channel);
dev.channel.reload = (changed) => {
  firstReload ||= performance.now();
  reload(changed);
};
const times: number[] = [];
const reloads: number[] = [];
const paints: number[] = [];
for (let i = 0; i < rounds; i++) {
  const marker = `Edited ${i} ${Date.now()}`;
  const text = fs.readFileSync(file, 'utf8').replace(/^title:\s*(["']?)(?:Edited \d+ \d+ )?/m, `title: $1${marker} `);
  const before = builds.length;
  firstReload = 0;
  const saved = Date.now();
  const t0 = performance.now();
  fs.writeFileSync(file, text);
  await page.waitForFunction((m) => document.title.startsWith(m), marker, { timeout: 0, polling: 5 });
  const ms = performance.now() - t0;
  // When the reloaded page first painted, by the browser's own clock (the polling above adds its own delay).
  const painted = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0] ?? performance.getEntriesByName('first-paint')[0];
    return paint ? performance.timeOrigin + paint.startTime : null;
  });
  if (painted !== null) paints.push(painted - saved);
  times.push(ms);
  await dev.idle();
  reloads.push(firstReload - t0);
  console.log(`edit ${i + 1}: ${Math.round(ms)} ms to the tab showing it (first paint after ${paints.length > i ? Math.round(paints[i]!) : '?'} ms), reload sent after ${Math.round(reloads.at(-1)!)} ms (build ${builds.slice(before).map(Math.round).join('+')} ms: ${stages.at(-1)}) ${page.url() === url ? '' : page.url()}`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
console.log(`edit-to-reload, ${n} posts, ${rounds} edits: median ${Math.round(sorted[Math.floor(rounds / 2)]!)} ms, min ${Math.round(sorted[0]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`);
if (paints.length > 0) {
  const painted = [...paints].sort((a, b) => a - b);
  console.log(`save to the first paint of the reloaded page (browser clock): median ${Math.round(painted[Math.floor(painted.length / 2)]!)} ms, min ${Math.round(painted[0]!)} ms, max ${Math.round(painted.at(-1)!)} ms`);
}
const sent = [...reloads].sort((a, b) => a - b);
console.log(`save to the reload being sent (watcher + build work): median ${Math.round(sent[Math.floor(rounds / 2)]!)} ms, min ${Math.round(sent[0]!)} ms, max ${Math.round(sent.at(-1)!)} ms`);
await context.close();
await browser.close();
await dev.close();
fs.rmSync(root, { recursive: true, force: true });
