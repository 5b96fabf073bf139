// Bundles from one base: the extension host (Node, CommonJS, `vscode` external), undici's subset that the host loads
// on its first request, and the webview app (browser).
// The unit tests build with the entity alias, the benches with the undici subset, and a unit test builds the provider
// with the host bundle's own options (all exported at the end).
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--out-root DIR` writes both bundles under DIR instead of the project (the bench measures a build there).
const outRootFlag = process.argv.indexOf('--out-root');
const outRoot = outRootFlag === -1 ? '.' : process.argv[outRootFlag + 1];

/** @returns {import('esbuild').BuildOptions} */
function baseOptions(production) {
  return {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    metafile: true,
  };
}

/**
 * What the extension host loads: CommonJS for the Node.js that VS Code runs extensions in.
 * @returns {import('esbuild').BuildOptions}
 */
function extensionHostOptions(production) {
  return { ...baseOptions(production), platform: 'node', target: 'node20', format: 'cjs' };
}

/**
 * The host imports four things from undici (src/provider): Agent, ProxyAgent, EnvHttpProxyAgent and
 * Dispatcher#request. undici's package entry also loads fetch, WebSocket, EventSource, caches, mocks and cookie
 * parsing, which would be two thirds of the bundle; this module exports just the four from undici's own files.
 * Those files and the patched prototype are undici's internals, so package.json pins undici to the exact version they
 * were read from, and test/unit/provider/hostBundle.test.ts runs the provider built with hostOptions.
 */
const UNDICI_SUBSET = `
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');
Dispatcher.prototype.request = require('undici/lib/api/api-request.js');
exports.Agent = require('undici/lib/dispatcher/agent.js');
exports.ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js');
exports.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js');
`;

/**
 * undici carries its HTTP parser twice, as SIMD and as plain WebAssembly, and falls back to the plain one when the
 * SIMD module does not compile (undici catches that). Only the plain one, which runs everywhere, is bundled: an empty
 * SIMD module fails to compile and sends undici to the fallback.
 *
 * ProxyAgent also loads undici's SOCKS5 client for socks:// proxies. The provider accepts only http(s) proxy URLs
 * (src/provider/baseUrl.ts httpUrlProblem, checked before a dispatcher is built), so that code can never run: a
 * stand-in that refuses to be constructed takes its place.
 */
const undiciSubset = {
  name: 'undici-subset',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'undici-subset' }));
    build.onLoad({ filter: /^undici$/, namespace: 'undici-subset' }, () => ({
      contents: UNDICI_SUBSET,
      loader: 'js',
      resolveDir: __dirname,
    }));
    build.onResolve({ filter: /\/llhttp_simd-wasm\.js$/ }, () => ({ path: 'llhttp-simd', namespace: 'undici-subset' }));
    build.onLoad({ filter: /^llhttp-simd$/, namespace: 'undici-subset' }, () => ({ contents: '', loader: 'js' }));
    build.onResolve({ filter: /\/socks5-proxy-agent$/ }, () => ({ path: 'socks5', namespace: 'undici-subset' }));
    build.onLoad({ filter: /^socks5$/, namespace: 'undici-subset' }, () => ({
      contents: "module.exports = class { constructor() { throw new Error('SOCKS proxies are not supported.'); } };",
      loader: 'js',
    }));
  },
};

/**
 * In the host bundle, undici is `./undici.js`, a bundle of its own beside it (undiciOptions): the provider requires it
 * on the first request, so activation neither compiles it nor loads the node:http and HTTP parser code it pulls in.
 */
const undiciBeside = {
  name: 'undici-beside',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * Each module's `import * as vscode from 'vscode'` would be a copy of the whole API object (esbuild's `__toESM` defines
 * a getter for each of its 200 names), about 20 copies at load: more than half the host bundle's activation time.
 * Every import of `vscode` goes through one module instead, `export * from 'vscode'`, which makes the one copy.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

/** markdown-it only decodes single entity references; the browser does that without the 70 KB entity table. */
const webviewAlias = { entities: path.join(__dirname, 'src', 'webview-ui', 'markdown', 'entities.ts') };

/**
 * The extension host bundle's options, but its output path.
 * @returns {import('esbuild').BuildOptions}
 */
function hostOptions(production) {
  return {
    ...extensionHostOptions(production),
    entryPoints: ['src/extension.ts'],
    external: ['vscode'],
    plugins: [undiciBeside, vscodeOnce],
  };
}

/**
 * undici's subset as a bundle of its own, `undici.js` beside the host bundle, but its output path.
 * @returns {import('esbuild').BuildOptions}
 */
function undiciOptions(production) {
  return { ...extensionHostOptions(production), entryPoints: ['undici'], plugins: [undiciSubset] };
}

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...hostOptions(production), outfile: path.join(outRoot, 'dist', 'extension.js') },
  { ...undiciOptions(production), outfile: path.join(outRoot, 'dist', 'undici.js') },
  {
    ...baseOptions(production),
    // The code highlighter's worker is a bundle of its own: a webview starts a worker only from a blob: URL.
    entryPoints: { webview: 'src/webview-ui/main.ts', highlightWorker: 'src/webview-ui/markdown/highlightWorker.ts' },
    outdir: path.join(outRoot, 'media', 'dist'),
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    alias: webviewAlias,
    loader: { '.ttf': 'file' },
  },
];

/**
 * gpt-tokenizer's encodings for OpenAI models, each a file of its own that the host loads only when a model needs it
 * (src/host/tokenizers.ts); always minified, since they are mostly data.
 */
targets.push({
  ...baseOptions(true),
  entryPoints: {
    o200k_base: 'gpt-tokenizer/encoding/o200k_base',
    cl100k_base: 'gpt-tokenizer/encoding/cl100k_base',
  },
  outdir: path.join(outRoot, 'dist', 'tokenizers'),
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
});

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
    const contexts = await Promise.all(
      targets.map((t) => esbuild.context({ ...t, plugins: [...(t.plugins ?? []), problemReporter] })),
    );
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] watching for changes');
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
}

module.exports = { hostOptions, undiciOptions, undiciSubset, webviewAlias };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
