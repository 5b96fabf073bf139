// Runs the timing benchmarks: bundles each test/bench/*.bench.ts with esbuild (ES modules, so a bench may use the UI
// suite's session helpers; undici bundled as the extension bundles it, other packages external) and runs them one
// after another with `node --expose-gc`. `node scripts/bench.mjs [substring-filter]` runs only matching files.
// Budgets that do not depend on timing are checked by `npm test` (test/budgets).
//
// Contract for a bench file: print one JSON line per figure to stdout,
//   {"name":"provider.chunksPerSecond","value":123456,"unit":"chunks/s"}
// whose name starts with the file's name (`provider.` for provider.bench.ts) or is given to it in BUDGETS. Other output lines are passed through
// untouched. This script exits non-zero when a bench process fails, prints no figure, leaves out a figure that has a
// budget below, or a figure misses its budget; the problems are listed at the end.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { undiciSubset } from '../esbuild.js';

/**
 * The budgets: "min" (the figure must be at least this) and/or "max" (at most this); "bench" names the file that
 * prints the figure when that is not the figure's first word.
 */
const BUDGETS = {
  'provider.throughputRatio': { min: 0.9 },
  'provider.parser.handSpeedup': { min: 1 },
  // Escaped content was read by parsing each whole event, at a fifth of the speed of plain content (0.18).
  'provider.parser.escapedToPlainSpeed': { min: 0.4 },
  // The reply's size: the provider holds on to no more than it has passed on.
  'provider.heapGrowth50MB': { max: 50 },
  'activation.loadAndActivate': { max: 20 },
  'screen.lastByteToScreen': { max: 100 },
  // A long conversation (1,000 turns) in the real VS Code on the production build: medians of 5 unless said.
  'long.openMs': { max: 300 },
  'long.inputLatencyP99Ms': { max: 50 },
  'long.frameP95Ms': { max: 20 },
  // One reading, with the conversation open.
  'long.webviewHeapMB': { max: 150 },
  'long.hostLoopLagP99Ms': { max: 10 },
  // Printed by long.bench.ts, which streams the replies these are measured on.
  'first.tokenToScreenMs': { max: 50, bench: 'long' },
  // Keys typed while a reply is awaited, once the host's state shows it (test/bench/waitTyping.ts).
  'wait.inputLatencyP99Ms': { max: 50, bench: 'long' },
  'open.commandToReadyMs': { max: 500, bench: 'long' },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'test', 'bench');
const outdir = path.join(root, 'out', 'bench');
const filter = process.argv.slice(2);

/** Packages stay in node_modules, except undici: the undici subset plugin gives it the shipped bundle's shape. */
const externalExceptUndici = {
  name: 'external-except-undici',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      /^undici(?:\/|$)/.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

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
  plugins: [undiciSubset, externalExceptUndici],
  sourcemap: 'inline',
  logLevel: 'warning',
});

function missedBudget({ name, value }) {
  const { min, max } = BUDGETS[name];
  if (min !== undefined && !(value >= min)) return `below its minimum ${min}`;
  if (max !== undefined && !(value <= max)) return `above its maximum ${max}`;
  return undefined;
}

function describeBudget({ name, value, unit }) {
  const { min, max } = BUDGETS[name];
  const limits = [min === undefined ? '' : `at least ${min}`, max === undefined ? '' : `at most ${max}`];
  return `${name} = ${value} ${unit ?? ''} (budget: ${limits.filter(Boolean).join(' and ')})`;
}

/** The figures with a budget that a bench file must print. */
function budgetedFigures(entry) {
  const bench = path.basename(entry, '.bench.ts');
  return Object.keys(BUDGETS).filter((name) => (BUDGETS[name].bench ?? name.split('.')[0]) === bench);
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
const budgeted = [];
for (const entry of entryPoints) {
  const name = path.relative(root, entry);
  const { code, figures } = await run(entry);
  if (code !== 0) failures.push(`${name} exited with code ${code}`);
  else if (figures.length === 0) failures.push(`${name} printed no figure`);
  for (const figureName of budgetedFigures(entry)) {
    const figure = figures.find((f) => f.name === figureName);
    if (!figure) {
      failures.push(`${name} printed no ${figureName}, which has a budget`);
      continue;
    }
    budgeted.push(describeBudget(figure));
    const miss = missedBudget(figure);
    if (miss) failures.push(`${describeBudget(figure)} is ${miss}`);
  }
}
if (entryPoints.length === 0) failures.push('no bench file matched');
if (budgeted.length > 0) console.log(`\nbench: figures with a budget:\n  ${budgeted.join('\n  ')}`);
if (failures.length > 0) {
  console.error(`\nbench: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nbench: ${entryPoints.length} file(s), all figures within budget`);
