// Code text held back from DOMPurify: only highlight.js's shape (text and spans with classes) skips it, the rendered
// HTML is what DOMPurify over the whole gives, and a slot that does not come through makes the whole go through it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import createDOMPurify from 'dompurify';
import { CodeSlots } from '../../../src/webview-ui/markdown/codeSlots';
import { createSanitizer, isHighlightMarkup } from '../../../src/webview-ui/markdown/sanitize';
import { createTestRenderer, createTestWindow } from './dom';

const sanitize = createSanitizer(createDOMPurify(createTestWindow()));

/** The HTML as the page holds it: the same DOM however its text was escaped. */
function asParsed(html: string): string {
  const view = createTestWindow().document.createElement('div');
  view.innerHTML = html;
  return view.innerHTML;
}

test("highlight.js's markup passes the shape check; any other tag or attribute does not", () => {
  for (const html of [
    'plain &lt;b&gt; text &amp; "quotes" > too',
    '<span class="hljs-keyword">const</span> a = <span class="hljs-string">&#x27;x&#x27;</span>;',
    '<span class="hljs-title class_">A</span><span class="hljs-title function_ invoke__">b</span>',
    '<span class="language-xml"><span class="hljs-tag">&lt;a&gt;</span></span>',
  ]) {
    assert.ok(isHighlightMarkup(html), html);
  }
  for (const html of [
    '<img src=x onerror=alert(1)>',
    '<span class="a" onclick="alert(1)">x</span>',
    '<span onclick="alert(1)" class="a">x</span>',
    '<span class="a">x</span></code><script>alert(1)</script>',
    '<span class=a>x</span>',
    '<span class="a" >x</span>',
    '<SPAN class="a">x</SPAN>',
    '<span class="a"><a href="javascript:alert(1)">x</a></span>',
    '<!-- x --><span class="a">x</span>',
  ]) {
    assert.ok(!isHighlightMarkup(html), html);
  }
});

test('markdown renders to the DOM that DOMPurify over the whole gives', () => {
  const render = createTestRenderer();
  const samples = [
    '```ts\nconst a = "<img src=x onerror=alert(1)>"; // </code><script>alert(1)</script>\n```',
    '```html\n<a href="javascript:alert(1)" onclick="x()">link</a>\n```',
    '```\nplain <b>text</b> & more\n```\n\n    indented <i>code</i>\n\ntext with `inline <code>`',
    '```unknown-language\n</span></code></pre><svg onload=alert(1)>\n```',
    'A [link](https://example.com) and ![image](data:image/png;base64,AAAA)\n\n```python\nprint("a")\n```',
  ];
  for (const markdown of samples) {
    const rendered = render.render(markdown, { highlightLimit: 100_000 });
    assert.equal(asParsed(sanitize(rendered)), asParsed(rendered), markdown);
    const view = createTestWindow().document.createElement('div');
    view.innerHTML = rendered;
    assert.equal(view.querySelector('script, img[onerror], svg, [onclick], a[href^="javascript"]'), null, markdown);
    assert.equal(view.querySelector('[data-code-slot]'), null, 'no slot is left behind');
    assert.ok(view.querySelector('pre code')?.textContent, 'the code is there');
  }
});

test('a slot that did not come through once, in order, leaves the whole HTML to DOMPurify', () => {
  const slots = new CodeSlots();
  const html = `<pre><code class="a"${slots.close('<span class="x">one</span>')}</pre><pre><code${slots.close('two')}</pre>`;
  assert.equal(
    slots.fill(html),
    '<pre><code class="a"><span class="x">one</span></code></pre><pre><code>two</code></pre>',
  );
  assert.equal(slots.fill(html.replace(' data-code-slot="1"></code>', '></code>')), undefined, 'a slot dropped');
  assert.equal(slots.fill(html + html), undefined, 'a slot repeated');
  const swapped = html.replace('slot="0"', 'slot="T"').replace('slot="1"', 'slot="0"').replace('slot="T"', 'slot="1"');
  assert.equal(slots.fill(swapped), undefined, 'slots out of order');
  assert.equal(
    slots.inline(html),
    '<pre><code class="a"><span class="x">one</span></code></pre><pre><code>two</code></pre>',
  );
  assert.equal(new CodeSlots().close('<img src=x>'), '><img src=x></code>', 'other markup stays for DOMPurify');
});
