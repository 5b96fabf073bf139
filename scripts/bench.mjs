// Runs the benchmarks: bundles each test/bench/*.bench.ts with esbuild (ES modules, dependencies external, like the UI
// suite whose session helpers a bench may use) and runs them one after another with `node --expose-gc`.
// `node scripts/bench.mjs [substring-filter]` runs only matching files.
//
// Contract for a bench file: print one JSON line per figure to stdout,
//   {"name":"provider.chunksPerSecond","value":123456,"unit":"chunks/s"}
// optionally with a budget: "min" (the value must be at least this) and/or "max" (at most this). Other output
// lines are passed through untouched. This script exits non-zero when a bench process fails, prints no figure, or
// a figure misses its budget; the failing figures are listed at the end.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'test', 'bench');
const outdir = path.join(root, 'out', 'bench');
const filter = process.argv.slice(2);

const entryPoints = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .map((name) => path.join(benchDir, name))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)));
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // Code loading a dependency on first use calls require(), which an ES module lacks.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

function missedBudget(figure) {
  if (typeof figure.min === 'number' && !(figure.value >= figure.min)) return `below its minimum ${figure.min}`;
  if (typeof figure.max === 'number' && !(figure.value <= figure.max)) return `above its maximum ${figure.max}`;
  return undefined;
}

function asFigure(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line);
    return typeof value.name === 'string' && typeof value.value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function run(entry) {
  const file = path.join(outdir, path.basename(entry).replace(/\.ts$/, '.mjs'));
  const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', file], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const figures = [];
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      console.log(line);
      const figure = asFigure(line);
      if (figure) figures.push(figure);
    }
  });
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (pending) console.log(pending);
  return { code, figures };
}

const failures = [];
for (const entry of entryPoints) {
  const name = path.relative(root, entry);
  const { code, figures } = await run(entry);
  if (code !== 0) failures.push(`${name} exited with code ${code}`);
  else if (figures.length === 0) failures.push(`${name} printed no figure`);
  for (const figure of figures) {
    const miss = missedBudget(figure);
    if (miss) failures.push(`${figure.name} = ${figure.value} ${figure.unit ?? ''} is ${miss}`);
  }
}
if (entryPoints.length === 0) failures.push('no bench file matched');
if (failures.length > 0) {
  console.error(`\nbench: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nbench: ${entryPoints.length} file(s), all figures within budget`);
