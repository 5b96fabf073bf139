// Runs the UI suites (test/ui/*.test.ts) with `node --test`: each drives Chromium against an offline VS Code that
// has this extension loaded, as a person would. Screenshots go to test-results/screenshots/.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildUiSuite } from './build-tests.mjs';
import { ensureCodeServer, repoRoot } from './vscode-host.mjs';

ensureCodeServer();
const files = await buildUiSuite();
const filter = process.argv.slice(2);
// Node 20 and 22 apply --test-timeout to each file as a whole (later versions to each test), so this bounds a whole
// suite file, hooks included; each test's own deadline is UI_TEST_TIMEOUT_MS (test/support/ui.ts).
const FILE_TIMEOUT_MS = 30 * 60_000;
const selected = files.filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
const tap = path.join(repoRoot, 'test-results', 'ui.tap');
mkdirSync(path.dirname(tap), { recursive: true });
const child = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${FILE_TIMEOUT_MS}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...selected,
  ],
  { cwd: repoRoot, stdio: 'inherit' },
);
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
const report = readFileSync(tap, 'utf8');
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
// A test that ran out of time is reported as cancelled, not failed.
const failures = count('fail') + count('cancelled');
const failed = failures + (code !== 0 && failures === 0 ? 1 : 0);
// Skipped tests are named in the spec output; they are counted here so that none goes unnoticed.
if (count('skipped') > 0) console.log(`\nui: ${count('skipped')} skipped`);
console.log(`\nui: ${count('pass')} passed, ${failed} failed`);
process.exit(code);
