// The production bundles: their sizes, and what the host bundle registers when activated with the `vscode` stand-in
// (every command the manifest declares, the panel serializer and the sidebar view provider).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { activateBundle, buildProduction } from '../support/productionBundle';
import { assertWithinBudget } from './budget';
import { vsixShips } from '../support/vsixFiles';
import { tokenizerLoader } from '../../src/host/tokenizers';
import { MESSAGE_OVERHEAD_TOKENS } from '../../src/shared/tokenEstimate';
import { RecordingLog } from '../unit/chat/helpers';

const root = process.cwd();
const build = buildProduction(root);
after(() => build.remove());

const kilobytes = (file: string): number => statSync(file).size / 1000;

// The host bundle is the extension's own code: activation compiles all of it. undici's subset (its HTTP client and its
// parser as WebAssembly) is a bundle of its own that the first request loads; until it was, the two together were
// 344 KB.
test('the host bundle is at most 125 KB, and undici’s subset beside it at most 230 KB', () => {
  assertWithinBudget({ name: 'bundle.host', value: kilobytes(build.host), unit: 'KB', max: 125 });
  assertWithinBudget({ name: 'bundle.undici', value: kilobytes(build.undici), unit: 'KB', max: 230 });
});

test('the .vsix ships every file of the production build', () => {
  const ships = vsixShips(root);
  const files = readdirSync(build.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(build.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  assert.ok(files.includes('dist/undici.js'), files.join(', '));
  const left = files.filter((file) => !ships(file));
  assert.deepEqual(left, [], 'built files that .vscodeignore leaves out of the package');
});

// Each `require("vscode")` in the bundle is a copy of the API object made at load (esbuild.js, vscodeOnce).
test('the host bundle requires vscode once', () => {
  const requires = readFileSync(build.host, 'utf8').match(/require\("vscode"\)/g) ?? [];
  assertWithinBudget({ name: 'bundle.host.vscodeRequires', value: requires.length, unit: 'requires', min: 1, max: 1 });
});

test('the webview bundle is at most 250 KB', () => {
  assertWithinBudget({ name: 'bundle.webview', value: kilobytes(build.webview), unit: 'KB', max: 250 });
});

// highlight.js and the languages the chat knows, again: a worker loads its own script (highlightWorkerClient.ts).
test('the highlight worker bundle is at most 120 KB', () => {
  assertWithinBudget({ name: 'bundle.highlightWorker', value: kilobytes(build.highlightWorker), unit: 'KB', max: 120 });
});

// gpt-tokenizer's encodings are mostly their token tables (o200k_base: 200,000 tokens); loaded only for OpenAI models.
test('each tokenizer file is at most 3,000 KB and counts through the loader the host uses', async () => {
  const log = new RecordingLog();
  const load = tokenizerLoader(build.tokenizers, log);
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    const file = path.join(build.tokenizers, `${encoding}.js`);
    assertWithinBudget({ name: `bundle.tokenizer.${encoding}`, value: kilobytes(file), unit: 'KB', max: 3000 });
    const tokens = await load(encoding);
    // "Hello, world!" is 4 tokens in both encodings, and a message adds its overhead.
    assert.equal(tokens?.('Hello, world!'), 4 + MESSAGE_OVERHEAD_TOKENS, encoding);
  }
  assert.deepEqual(log.lines, []);
});

test('activation registers each declared command, one panel serializer and one sidebar view provider', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[] };
  };
  const declared = manifest.contributes.commands.map((c) => c.command).sort();
  const { registrations } = activateBundle(root, build.host);
  const registered = [...registrations.commands].sort();
  const { length } = declared;
  assertWithinBudget({
    name: 'activation.commands',
    value: registered.length,
    unit: 'commands',
    min: length,
    max: length,
  });
  assert.deepEqual(registered, declared, 'the registered commands are the declared ones');
  for (const [name, count] of [
    ['activation.webviewPanelSerializers', registrations.webviewPanelSerializers.length],
    ['activation.webviewViewProviders', registrations.webviewViewProviders.length],
  ] as const) {
    assertWithinBudget({ name, value: count, unit: 'registered', min: 1, max: 1 });
  }
});
