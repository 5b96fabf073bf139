// Builds and runs folders of `node --test` suites (test/unit and test/support, test/budgets). Each *.test.ts is bundled
// with esbuild and the webview bundle's alias, so that the code under test is the code that ships; Node's runner prints
// its own summary, and the closing `<suite>: N passed, N failed` line is added here.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { webviewAlias } from '../esbuild.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Declared packages are loaded from node_modules, except markdown-it: bundled, as in the webview, its `entities`
 * import takes the alias, so the markdown tests decode with the webview's decoder.
 */
function externalPackages() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return declared.filter((name) => name !== 'markdown-it');
}

/**
 * The harness's .mjs modules (under test/support) find the checkout from `import.meta.url`, which a CommonJS bundle
 * leaves empty: each gets its own source file's URL instead.
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.mjs$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'js',
    }));
  },
};

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Runs the *.test.ts under test/<folder> for each of `folders` (default: the suite's own) whose path contains one of
 * `filter` (all when empty); resolves to the exit code. `timeoutMs` becomes --test-timeout, which Node 20 and 22
 * apply to each test file as a whole and later versions to each test.
 */
export async function runNodeTests(suite, filter, { folders = [suite], timeoutMs } = {}) {
  const testDir = path.join(root, 'test');
  const entryPoints = folders
    .flatMap((folder) => findTests(path.join(testDir, folder)))
    .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)));
  // Given no files, node --test would look for tests itself, and run whatever it finds under the project.
  if (entryPoints.length === 0) {
    console.error(`No ${suite} test file's path contains ${filter.map((f) => `"${f}"`).join(' or ')}.`);
    console.log(`\n${suite}: 0 passed, 1 failed`);
    return 1;
  }
  // A folder per run, so that two runs at once do not delete each other's files.
  mkdirSync(path.join(root, 'out'), { recursive: true });
  const outdir = mkdtempSync(path.join(root, 'out', `${suite}-`));
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: testDir,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    alias: webviewAlias,
    external: externalPackages(),
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [importMetaUrl],
  });

  const files = entryPoints.map((file) => path.join(outdir, path.relative(testDir, file)).replace(/\.ts$/, '.js'));
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      ...(timeoutMs === undefined ? [] : [`--test-timeout=${timeoutMs}`]),
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${path.join(outdir, 'report.tap')}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const tap = readFileSync(path.join(outdir, 'report.tap'), 'utf8');
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const passed = count('pass');
  // A test that ran out of time is reported as cancelled, not failed.
  const failures = count('fail') + count('cancelled');
  const failed = failures + (code !== 0 && failures === 0 ? 1 : 0);
  console.log(`\n${suite}: ${passed} passed, ${failed} failed`);
  rmSync(outdir, { recursive: true, force: true });
  return code;
}
