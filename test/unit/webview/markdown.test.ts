// The markdown renderer as the chat uses it: what model output becomes once it reaches the DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeControlChars } from '../../../src/webview-ui/controlChars';
import { FINAL_HIGHLIGHT_LIMIT, STREAMING_HIGHLIGHT_LIMIT } from '../../../src/webview-ui/markdown/render';
import { createTestRenderer, createTestWindow } from './dom';

const renderer = createTestRenderer();

/** Renders like the app does and returns the element the user would see. */
function show(markdown: string, highlightLimit = FINAL_HIGHLIGHT_LIMIT): HTMLElement {
  const container = createTestWindow().document.createElement('div');
  container.innerHTML = renderer.render(neutralizeControlChars(markdown), { highlightLimit });
  return container;
}

test('raw HTML from the model is shown as text, not turned into elements', () => {
  const view = show('<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>');
  assert.equal(view.querySelector('img, script, b'), null);
  assert.match(view.textContent ?? '', /<script>alert\(2\)<\/script>/);
  assert.equal(view.querySelector('[onerror]'), null);
});

test('javascript:, vbscript: and data: links have no href', () => {
  const view = show(
    '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:msgbox) [d](data:text/html,<b>x</b>) ' +
      '[e](data:image/png;base64,AAAA)',
  );
  assert.equal(view.querySelectorAll('[href]').length, 0);
  assert.match(view.textContent ?? '', /\[a\]\(javascript:alert\(1\)\)/);
});

test('http, https and mailto links keep their href and show it as title; bare URLs are linked', () => {
  const view = show('[docs](https://example.com/a) mail@example.com www.example.org');
  const hrefs = [...view.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  assert.deepEqual(hrefs, ['https://example.com/a', 'mailto:mail@example.com', 'http://www.example.org']);
  assert.equal(view.querySelector('a')?.getAttribute('title'), 'https://example.com/a');
});

test('remote images are never loaded: they become a link placeholder', () => {
  const view = show('![tracker](https://evil.example/pixel.png) ![local](file:///etc/passwd)');
  assert.equal(view.querySelector('img'), null);
  const link = view.querySelector('a.image-link');
  assert.equal(link?.getAttribute('href'), 'https://evil.example/pixel.png');
  assert.equal(link?.textContent, '[Image: tracker]');
  assert.match(view.textContent ?? '', /!\[local\]\(file:\/\/\/etc\/passwd\)|\[Image: local\]/);
});

test('inline data: images render for png, gif, jpeg and webp only; SVG and other types stay text', () => {
  const raster = ['png', 'gif', 'jpeg', 'webp'].map((type) => `![${type}](data:image/${type};base64,AAAA)`);
  const others = [
    '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)',
    '![svg2](<data:image/svg+xml,<svg onload=alert(1)>>)',
    '![bmp](data:image/bmp;base64,AAAA)',
    '![bare](data:image/png,AAAA)',
  ];
  const view = show([...raster, ...others].join(' '));
  const sources = [...view.querySelectorAll('img')].map((img) => img.getAttribute('src'));
  assert.deepEqual(
    sources,
    ['png', 'gif', 'jpeg', 'webp'].map((type) => `data:image/${type};base64,AAAA`),
  );
  assert.match(view.textContent ?? '', /!\[svg\]\(data:image\/svg\+xml;base64,/);
  assert.equal(view.querySelector('a'), null);
});

test('entity-encoded, percent-encoded and split schemes in link targets stay text', () => {
  const targets = [
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'jav&#x09;ascript:alert(1)',
    '<java\tscript:alert(1)>',
    'java%09script:alert(1)',
    '%6Aavascript:alert(1)',
    '&#32;javascript:alert(1)',
  ];
  const view = show(targets.map((target) => `[x](${target})`).join(' '));
  assert.equal(view.querySelector('a'), null);
  assert.equal((view.textContent?.match(/\[x\]\(/g) ?? []).length, targets.length);
});

test('reference-style links to javascript: stay text, however the reference is written', () => {
  const view = show(
    '[full][a] [collapsed][] [shortcut] [titled][b] [encoded][c]\n\n' +
      '[a]: javascript:alert(1)\n[collapsed]: <javascript:alert(2)>\n[shortcut]: JavaScript:alert(3)\n' +
      '[b]: javascript:alert(4) "title"\n[c]: &#106;avascript:alert(5)',
  );
  assert.equal(view.querySelector('a'), null);
  assert.match(view.textContent ?? '', /\[full\]\[a\]/);
});

test('a code fence info string with quotes and markup is shown as its label, never as markup', () => {
  const view = show(
    '```js" onmouseover="alert(1)" x="<img src=x onerror=alert(2)>\ncode\n```\n\n' +
      '~~~"><script>alert(3)</script>`<b>\nmore\n~~~',
  );
  assert.equal(view.querySelector('script, img, b, [onmouseover], [onerror]'), null);
  const labels = [...view.querySelectorAll('.code-language')].map((label) => label.textContent);
  assert.deepEqual(labels, ['js"', '"><script>alert(3)</script>`<b>']);
  assert.deepEqual(
    [...view.querySelectorAll('pre code')].map((code) => code.textContent),
    ['code\n', 'more\n'],
  );
});

test('code blocks are highlighted and carry Copy and Insert buttons', () => {
  const view = show('```ts\nconst x: number = 1;\n```');
  const block = view.querySelector('[data-testid="code-block"]');
  assert.ok(block);
  assert.ok(block.querySelector('[data-testid="code-copy"][aria-label="Copy code"]'));
  assert.ok(block.querySelector('[data-testid="code-insert"][aria-label="Insert code at cursor"]'));
  assert.ok(block.querySelector('code .hljs-keyword'));
  assert.equal(block.querySelector('code')?.textContent, 'const x: number = 1;\n');
});

test('code over the highlight limit is shown plain but complete', () => {
  const code = 'let a = 1; '.repeat(Math.ceil((STREAMING_HIGHLIGHT_LIMIT + 10) / 11));
  const view = show('```js\n' + code + '\n```', STREAMING_HIGHLIGHT_LIMIT);
  assert.equal(view.querySelector('code span'), null);
  assert.equal(view.querySelector('code')?.textContent, code + '\n');
});

test('a 1 MB single-line code block is shown whole and plain, without highlighting', () => {
  const line = 'x'.repeat(1_000_000);
  const view = show('```js\n' + line + '\n```');
  assert.equal(view.querySelector('code span'), null);
  assert.equal(view.querySelector('code')?.textContent, line + '\n');
});

test('a long line keeps even small code plain, while ordinary small code is highlighted', () => {
  assert.equal(show('```js\nlet a = "' + 'y'.repeat(1200) + '";\n```').querySelector('code span'), null);
  assert.ok(show('```js\nlet a = "' + 'y'.repeat(900) + '";\n```').querySelector('code span'));
});

test('HTML inside code is shown verbatim; unknown languages are escaped', () => {
  const view = show('```nosuchlang\n<script>alert(1)</script>\n```\n`<b>x</b>`');
  assert.equal(view.querySelector('script, b'), null);
  assert.equal(view.querySelector('pre code')?.textContent, '<script>alert(1)</script>\n');
});

test('a bidi override in the answer is displayed as a label, not applied', () => {
  const view = show('access = "user\u202E \u2066// admin"');
  assert.doesNotMatch(view.textContent ?? '', /[\u202E\u2066]/);
  assert.match(view.textContent ?? '', /⟨U\+202E⟩/);
});
