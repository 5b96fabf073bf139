// The production bundles: their sizes, and what the host bundle registers when activated with the `vscode` stand-in
// (every command the manifest declares, the panel serializer and the sidebar view provider).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { activateBundle, buildProduction } from '../support/productionBundle';
import { assertWithinBudget } from './budget';

const root = process.cwd();
const build = buildProduction(root);
after(() => build.remove());

const kilobytes = (file: string): number => statSync(file).size / 1000;

// 300 KB held the chat alone; context chips, Apply and the quick fixes add the extension's own code, and most of the
// rest is undici's trimmed subset. The budget leaves room for what the next issues add, no more.
test('the host bundle is at most 340 KB', () => {
  assertWithinBudget({ name: 'bundle.host', value: kilobytes(build.host), unit: 'KB', max: 340 });
});

test('the webview bundle is at most 250 KB', () => {
  assertWithinBudget({ name: 'bundle.webview', value: kilobytes(build.webview), unit: 'KB', max: 250 });
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
