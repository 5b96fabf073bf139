// `npm test`: lint, type-check, build, budgets, unit tests, then the integration and UI suites in an offline VS Code
// (code-server, installed on first use with the Debian packages it needs). Stops at the first failing step and
// exits non-zero; closes with the summed `N passed, N failed` of every suite that ran.
import { spawn } from 'node:child_process';
import { ensureCodeServer } from '../test/support/vscode-host.mjs';

const steps = [
  ['lint', 'npx', ['--no-install', 'eslint', '.']],
  ['format', 'npx', ['--no-install', 'prettier', '--check', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'node', ['esbuild.js']],
  ['budgets', 'node', ['scripts/run-budgets.mjs']],
  ['unit', 'node', ['scripts/run-unit-tests.mjs']],
  ['vscode-host', null, ensureCodeServer],
  ['integration', 'node', ['test/support/run-offline.mjs']],
  ['ui', 'node', ['test/support/run-ui.mjs']],
];

const totals = { passed: 0, failed: 0 };
const SUMMARY = /^(?:\w+: )?(\d+) passed, (\d+) failed/m;

function runStep(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let summary;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const line of chunk.split('\n')) {
        const match = SUMMARY.exec(line);
        if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, summary }));
  });
}

const started = Date.now();
let failedStep;
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  if (cmd === null) {
    try {
      args();
    } catch (error) {
      console.error(error);
      failedStep = name;
      break;
    }
    continue;
  }
  const { code, summary } = await runStep(cmd, args);
  if (summary) {
    totals.passed += summary.passed;
    totals.failed += summary.failed;
  }
  if (code !== 0) {
    failedStep = name;
    if (!summary || summary.failed === 0) totals.failed += 1;
    break;
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  failedStep ? `\n✘ npm test failed at step "${failedStep}" after ${seconds} s` : `\n✔ npm test passed in ${seconds} s`,
);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep ? 1 : 0);
