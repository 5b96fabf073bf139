import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHTML as reference } from 'entities';
import { decodeHTML, decodeHTMLStrict } from '../../../src/webview-ui/markdown/entities';
import { createTestWindow } from './dom';

test('decodes single character references exactly as the entities package does', () => {
  const global = globalThis as { document?: Document };
  global.document = createTestWindow().document;
  try {
    for (const ref of ['&nbsp;', '&amp;', '&lt;', '&copy;', '&ndash;', '&#65;', '&#x1F600;', '&NotANamedEntity;']) {
      assert.equal(decodeHTML(ref), reference(ref), ref);
      assert.equal(decodeHTMLStrict(ref), reference(ref), ref);
    }
  } finally {
    delete global.document;
  }
});

test('leaves anything but a single reference untouched, so markup is never parsed', () => {
  for (const text of ['<img src=x onerror=alert(1)>', '&amp;&lt;', '</textarea><b>x</b>', 'plain']) {
    assert.equal(decodeHTML(text), text);
  }
});
