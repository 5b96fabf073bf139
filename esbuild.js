// Two bundles from one base: the extension host (Node, CommonJS, `vscode` external) and the webview app (browser).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...base,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...base,
    entryPoints: { webview: 'src/webview-ui/main.ts' },
    outdir: 'media/dist',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    // markdown-it only decodes single entity references; the browser does that without the 70 KB entity table.
    alias: { entities: './src/webview-ui/markdown/entities.ts' },
    loader: { '.ttf': 'file' },
  },
];

/** Prints esbuild's problems in the `file:line:col` shape that VS Code's problem matchers read. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

async function main() {
  if (watch) {
    const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...t, plugins: [problemReporter] })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] watching for changes');
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
