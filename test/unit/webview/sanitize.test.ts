// The sanitizer on its own, fed markup the markdown renderer never emits: whatever gets past markdown-it, only
// http(s)/mailto links and raster data: images survive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import createDOMPurify from 'dompurify';
import { createSanitizer } from '../../../src/webview-ui/markdown/sanitize';
import { createTestWindow } from './dom';

const sanitize = createSanitizer(createDOMPurify(createTestWindow()));

function parse(html: string): HTMLElement {
  const container = createTestWindow().document.createElement('div');
  container.innerHTML = sanitize(html);
  return container;
}

test('only png, gif, jpeg and webp data: images keep their src', () => {
  const kept = ['png', 'gif', 'jpeg', 'webp', 'PNG'].map((type) => `data:image/${type};base64,AAAA`);
  const dropped = [
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:image/png,AAAA',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'https://evil.example/pixel.png',
    'javascript:alert(1)',
  ];
  const view = parse([...kept, ...dropped].map((src) => `<img src="${src}" alt="x">`).join(''));
  const sources = [...view.querySelectorAll('img')].map((img) => img.getAttribute('src'));
  assert.deepEqual(sources, [...kept, ...dropped.map(() => null)]);
});

test('srcset, poster and background never survive, even with an allowed scheme', () => {
  const view = parse(
    '<img src="data:image/png;base64,AAAA" srcset="https://evil.example/a.png 1x, https://evil.example/b.png 2x">' +
      '<table background="https://evil.example/bg.png"><tr><td>t</td></tr></table>' +
      '<div poster="https://evil.example/poster.png">d</div>',
  );
  assert.equal(view.querySelector('[srcset], [poster], [background]'), null);
  assert.equal(view.querySelector('img')?.getAttribute('src'), 'data:image/png;base64,AAAA');
});

test('audio, video, their sources and picture elements are removed', () => {
  const view = parse(
    '<video src="data:video/mp4;base64,AAAA" poster="https://evil.example/p.png" controls>' +
      '<source src="https://evil.example/v.mp4"><track src="data:text/vtt,WEBVTT"></video>' +
      '<audio src="https://evil.example/a.mp3" autoplay></audio>' +
      '<picture><source srcset="https://evil.example/p.webp"><img src="data:image/gif;base64,AAAA"></picture>',
  );
  assert.equal(view.querySelector('video, audio, source, track, picture'), null);
  assert.deepEqual(
    [...view.querySelectorAll('[src]')].map((element) => element.getAttribute('src')),
    ['data:image/gif;base64,AAAA'],
  );
});

test('style attributes and elements are removed, so no CSS url() can load', () => {
  const view = parse(
    '<p style="background: url(https://evil.example/style-attr)">p</p>' +
      '<span style="list-style-image: url(&quot;https://evil.example/list&quot;)">s</span>' +
      '<style>body { background: url(https://evil.example/css) }</style>',
  );
  assert.equal(view.querySelector('[style], style'), null);
  assert.doesNotMatch(view.innerHTML, /url\(/);
});

test('encoded and split schemes in link targets lose their href', () => {
  const hrefs = [
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'java\tscript:alert(1)',
    'java&#9;script:alert(1)',
    ' \njavascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,AAAA',
  ];
  const view = parse(hrefs.map((href) => `<a href="${href}">x</a>`).join(' '));
  assert.equal(view.querySelectorAll('a').length, hrefs.length);
  assert.equal(view.querySelectorAll('[href]').length, 0);
  assert.deepEqual(
    [...parse('<a href="https://example.com">a</a><a href="MAILTO:a@example.com">b</a>').querySelectorAll('a')].map(
      (a) => a.getAttribute('href'),
    ),
    ['https://example.com', 'MAILTO:a@example.com'],
  );
});
