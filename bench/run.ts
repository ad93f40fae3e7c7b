/**
 * `npm run bench`: builds reference-shaped corpora with onair (cold, warm,
 * one post changed) and, side by side in the same run, the unified floor and
 * the peers that are installed, and prints median wall time, CPU time and
 * peak memory with ratios. A script, never a timed test.
 *
 *   npm run bench -- [--n 1000,4000] [--runs 3] [--peers DIR] [--work DIR]
 *
 * `--peers DIR` is a folder made by `../shared/bench/setup-peers.sh DIR`
 * (Eleventy, Hexo); Hugo is used when the `hugo` binary is on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const repo = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(repo, '..', 'shared', 'bench');
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    peers: { type: 'string' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'onair-bench') },
  },
});
const sizes = values.n!.split(',').map(Number);
const runs = Number(values.runs);
const work = path.resolve(values.work!);

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs `command` under GNU time; returns wall and CPU seconds and peak RSS. */
function measure(command: string[], cwd: string, prepare?: () => void): Sample {
  prepare?.();
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = result.stderr.split('\n').reverse().find((l) => l.startsWith('BENCH '));
  if (result.status !== 0 || !line) throw new Error(`\`${command.join(' ')}\` failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  const [wall, user, sys, rss] = line.split(' ').slice(1).map(Number);
  return { wall, cpu: user + sys, rssMb: rss / 1024 };
}

function median(samples: Sample[]): Sample {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: mid(samples.map((s) => s.wall)), cpu: mid(samples.map((s) => s.cpu)), rssMb: mid(samples.map((s) => s.rssMb)) };
}

function repeat(command: string[], cwd: string, prepare?: () => void): Sample {
  return median(Array.from({ length: runs }, () => measure(command, cwd, prepare)));
}

function corpus(dir: string, n: number, format = 'hugo'): void {
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync('node', [path.join(shared, 'gen-corpus.mjs'), dir, String(n), '--format', format], { stdio: 'ignore' });
}

const onair = [process.execPath, path.join(repo, 'bin', 'onair.js'), 'build', '--quiet', '--base-url', 'https://bench.test/'];
const rows: Array<{ n: number; name: string; sample: Sample }> = [];

execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' });
for (const n of sizes) {
  const site = path.join(work, `onair-${n}`);
  corpus(path.join(site, 'content', 'posts'), n);
  // Cold: no output and no cache.
  const clean = () => {
    fs.rmSync(path.join(site, 'public'), { recursive: true, force: true });
    fs.rmSync(path.join(site, '.onair-cache'), { recursive: true, force: true });
  };
  rows.push({ n, name: 'onair cold, --no-search', sample: repeat([...onair, '--no-search'], site, clean) });
  rows.push({ n, name: 'onair cold', sample: repeat(onair, site, clean) });
  rows.push({ n, name: 'onair rebuild, nothing changed', sample: repeat(onair, site) });
  const first = path.join(site, 'content', 'posts', fs.readdirSync(path.join(site, 'content', 'posts')).sort()[0]);
  let edits = 0;
  rows.push({ n, name: 'onair rebuild, one post changed', sample: repeat(onair, site, () => fs.appendFileSync(first, `\nEdit ${++edits}.\n`)) });

  const floorDir = path.join(work, `floor-${n}`);
  corpus(path.join(floorDir, 'corpus'), n);
  fs.copyFileSync(path.join(shared, 'unified-floor.mjs'), path.join(floorDir, 'unified-floor.mjs'));
  fs.rmSync(path.join(floorDir, 'node_modules'), { force: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(floorDir, 'node_modules'));
  rows.push({ n, name: 'unified floor', sample: repeat([process.execPath, 'unified-floor.mjs', 'corpus', 'out'], floorDir, () => fs.rmSync(path.join(floorDir, 'out'), { recursive: true, force: true })) });

  if (spawnSync('hugo', ['version']).status === 0) {
    const hugoDir = path.join(work, `hugo-${n}`);
    fs.rmSync(hugoDir, { recursive: true, force: true });
    fs.cpSync(path.join(shared, 'peers', 'hugo'), hugoDir, { recursive: true });
    corpus(path.join(hugoDir, 'content', 'posts'), n);
    rows.push({ n, name: 'hugo', sample: repeat(['hugo', '--quiet'], hugoDir, () => fs.rmSync(path.join(hugoDir, 'public'), { recursive: true, force: true })) });
  }
  const peers = values.peers ? path.resolve(values.peers) : undefined;
  if (peers && fs.existsSync(path.join(peers, 'eleventy', 'node_modules'))) {
    const dir = path.join(work, `eleventy-${n}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(shared, 'peers', 'eleventy'), dir, { recursive: true });
    fs.symlinkSync(path.join(peers, 'eleventy', 'node_modules'), path.join(dir, 'node_modules'));
    corpus(path.join(dir, 'posts'), n, 'eleventy');
    rows.push({ n, name: 'eleventy', sample: repeat([process.execPath, 'node_modules/@11ty/eleventy/cmd.cjs', '--quiet'], dir, () => fs.rmSync(path.join(dir, '_site'), { recursive: true, force: true })) });
  }
}

const pad = (s: string, w: number) => s.padEnd(w);
console.log(`\nonair benchmark: ${runs} runs each (median), ${os.availableParallelism()} cores, Node ${process.version}`);
console.log(pad('N', 7) + pad('build', 34) + pad('wall s', 9) + pad('cpu s', 9) + pad('peak MB', 9) + 'wall vs floor / hugo / eleventy');
for (const row of rows) {
  const peer = (name: string) => rows.find((r) => r.n === row.n && r.name === name)?.sample;
  const ratios = [peer('unified floor'), peer('hugo'), peer('eleventy')].map((base) => (base ? `${(row.sample.wall / base.wall).toFixed(2)}×` : '–'));
  console.log(pad(String(row.n), 7) + pad(row.name, 34) + pad(row.sample.wall.toFixed(2), 9) + pad(row.sample.cpu.toFixed(2), 9) + pad(row.sample.rssMb.toFixed(0), 9) + ratios.join(' / '));
}
console.log('peak MB is the largest single process: onair or the Pagefind indexer it runs.');
