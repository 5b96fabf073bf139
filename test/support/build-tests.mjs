// Compiles the TypeScript suites that run outside `node scripts/run-unit-tests.mjs`: the integration suite (loaded
// by the extension host, so one CommonJS file per module, dependencies resolved from node_modules at run time)
// and the UI suite (run by `node --test` in this process, driving the browser).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './vscode-host.mjs';

function testFiles(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

async function bundle(sourceDir, outdir, format) {
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: testFiles(sourceDir),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outExtension: { '.js': format === 'esm' ? '.mjs' : '.js' },
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** Returns the path of the suite's index module, without extension, as the extension host expects it. */
export async function buildIntegrationSuite() {
  const outdir = path.join(repoRoot, 'out', 'integration');
  await bundle(path.join(repoRoot, 'test', 'integration'), outdir, 'cjs');
  return path.join(outdir, 'index');
}

export async function buildUiSuite() {
  const outdir = path.join(repoRoot, 'out', 'ui');
  // ESM, so that the harness's own modules keep their `import.meta.url`.
  await bundle(path.join(repoRoot, 'test', 'ui'), outdir, 'esm');
  return readdirSync(outdir)
    .filter((n) => n.endsWith('.test.mjs'))
    .map((n) => path.join(outdir, n));
}
