// The webview's entity decoder, which the webview bundle and the unit build put in place of the `entities` package.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHTML, decodeHTMLStrict } from '../../../src/webview-ui/markdown/entities';
import { createTestWindow } from './dom';

test('decodes single character references to the characters they name', () => {
  const global = globalThis as { document?: Document };
  global.document = createTestWindow().document;
  const expected: Record<string, string> = {
    '&nbsp;': '\u00a0',
    '&amp;': '&',
    '&lt;': '<',
    '&copy;': '©',
    '&ndash;': '–',
    '&NotNestedGreaterGreater;': '⪢̸',
    '&#65;': 'A',
    '&#x1F600;': '😀',
    '&NotANamedEntity;': '&NotANamedEntity;',
  };
  try {
    for (const [ref, text] of Object.entries(expected)) {
      assert.equal(decodeHTML(ref), text, ref);
      assert.equal(decodeHTMLStrict(ref), text, ref);
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
