// Bundles each test/unit/**/*.test.ts with esbuild (dependencies stay external) and runs them with `node --test`.
// Node's runner prints its own `# pass N` / `# fail N` summary; the closing `N passed, N failed` line is added here.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A folder per run, so that two runs at once do not delete each other's files.
mkdirSync(path.join(root, 'out'), { recursive: true });
const outdir = mkdtempSync(path.join(root, 'out', 'unit-'));
const filter = process.argv.slice(2);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const entryPoints = findTests(path.join(root, 'test', 'unit')).filter(
  (file) => filter.length === 0 || filter.some((f) => file.includes(f)),
);
await esbuild.build({
  entryPoints,
  outdir,
  outbase: path.join(root, 'test', 'unit'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const files = entryPoints.map((file) =>
  path.join(outdir, path.relative(path.join(root, 'test', 'unit'), file)).replace(/\.ts$/, '.js'),
);
const child = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${path.join(outdir, 'report.tap')}`,
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
const tap = readFileSync(path.join(outdir, 'report.tap'), 'utf8');
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0);
console.log(`\nunit: ${passed} passed, ${failed} failed`);
rmSync(outdir, { recursive: true, force: true });
process.exit(code);
