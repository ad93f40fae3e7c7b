import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('should kill a run stuck in a synchronous loop, naming the input (the fuzz tests use it)', () => {
  const helper = fileURLToPath(new URL('./helpers/watchdog.ts', import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onair-watchdog-'));
  const script = path.join(dir, 'hang.ts');
  fs.writeFileSync(script, `import { watchdog } from ${JSON.stringify(helper)};\nconst dog = watchdog(300);\ndog.start('fast');\ndog.stop();\ndog.start('{{</* stuck */>}}');\nfor (;;) {}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(run.signal, 'SIGKILL');
  assert.match(run.stderr, /no result after 300 ms .* for the input "\{\{<\/\* stuck \*\/>\}\}"/);
  assert.doesNotMatch(run.stderr, /"fast"/, 'a stopped clock does not fire');
});
