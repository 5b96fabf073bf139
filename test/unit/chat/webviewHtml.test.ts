import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildWebviewHtml, createNonce } from '../../../src/panels/webviewHtml';

const assets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/webview.css',
  highlightWorkerUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/highlightWorker.js',
  surface: 'editor',
} as const;

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  return match[1];
}

describe('webview HTML', () => {
  it('allows only the bundle origin, data: images, scripts carrying the nonce and workers from blob: URLs', () => {
    const html = buildWebviewHtml(assets, 'abc123');
    assert.equal(
      cspOf(html),
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123'; connect-src https://file+.vscode-resource.vscode-cdn.net; worker-src blob:",
    );
    assert.match(html, /<div id="app" data-highlight-worker="[^"]*\/media\/dist\/highlightWorker\.js"/);
    assert.doesNotMatch(html, /unsafe-(inline|eval)/);
  });

  it('loads the bundle script with the nonce and the bundle styles, into an #app root', () => {
    const html = buildWebviewHtml(assets, 'abc123');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="abc123" src="${assets.scriptUri}">`]);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${assets.styleUri.replace(/[.+]/g, '\\$&')}">`));
    assert.match(html, /<body data-surface="editor">\s*<div id="app" data-highlight-worker="[^"]*"><\/div>/);
    assert.match(buildWebviewHtml({ ...assets, surface: 'sidebar' }), /<body data-surface="sidebar">/);
    assert.match(
      buildWebviewHtml({ ...assets, focusComposer: true }),
      /<body data-surface="editor" data-focus="composer">/,
    );
  });

  it('hands the translations to the script in the #app root, escaped, and names the page’s language', () => {
    const translations = { 'Send {0}': '„{0}“ <senden> & "mehr"' };
    const html = buildWebviewHtml({ ...assets, language: 'de', translations }, 'abc123');
    assert.match(html, /<html lang="de">/);
    const match = /<div id="app" data-highlight-worker="[^"]*" data-l10n="([^"]*)"><\/div>/.exec(html);
    assert.ok(match, 'the root carries the bundle');
    const decoded = match[1]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), translations);
    assert.match(
      buildWebviewHtml(assets, 'abc123'),
      /<html lang="en">[\s\S]*<div id="app" data-highlight-worker="[^"]*"><\/div>/,
    );
  });

  it('uses a fresh unguessable nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    const first = cspOf(buildWebviewHtml(assets));
    const second = cspOf(buildWebviewHtml(assets));
    assert.notEqual(first, second);
  });
});
