// The bench's webview host page with one service worker for every webview: the worker's address loses the webview's
// id, and the page's Content-Security-Policy allows the changed script and no longer the old one.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { withSharedServiceWorker } from './webviewServiceWorker';

const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

/** The shape of VS Code 1.100's pre/index.html, reduced to what the change touches. */
function hostPage(script: string, allowed = hash(script)): string {
  return [
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${allowed} 'self';">`,
    `<script async type="module">${script}</script>`,
  ].join('\n');
}

const SCRIPT = [
  'const ID = searchParams.get("id");',
  'const quoted = text.replace(/\'/g, "$&$\'");',
  'const swPath = encodeURI(`service-worker.js?v=4&vscode-resource-base-authority=x&id=${ID}&remoteAuthority=${a}`);',
].join('\n');

describe('withSharedServiceWorker', () => {
  it("drops the webview's id from the worker's address and allows only the changed script", () => {
    const page = withSharedServiceWorker(hostPage(SCRIPT));
    const script = /<script async type="module">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    assert.match(script, /vscode-resource-base-authority=x&remoteAuthority=\$\{a\}/);
    assert.doesNotMatch(script, /&id=/);
    assert.ok(page.includes(hash(script)), 'the policy allows the changed script');
    assert.ok(!page.includes(hash(SCRIPT)), 'the policy no longer allows the old one');
  });

  it('refuses a page without the per-webview address, or whose policy does not allow its script', () => {
    assert.throws(() => withSharedServiceWorker(hostPage('const swPath = "service-worker.js";')), /not VS Code 1.100/);
    assert.throws(() => withSharedServiceWorker(hostPage(SCRIPT, "'sha256-other='")), /not VS Code 1.100/);
  });
});
