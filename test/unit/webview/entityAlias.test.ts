// The markdown tests decode with the webview bundle's entity decoder, not the `entities` package: the unit build
// applies the same alias. Alone in its file, so that its decode is the first of the process (the decoder keeps the
// element it creates).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINAL_HIGHLIGHT_LIMIT } from '../../../src/webview-ui/markdown/render';
import { createTestRenderer } from './dom';

test('markdown-it decodes entity references with the webview’s decoder, as in the shipped bundle', () => {
  const renderer = createTestRenderer();
  const created: string[] = [];
  const createElement = document.createElement.bind(document);
  document.createElement = ((tag: string) => {
    created.push(tag);
    return createElement(tag);
  }) as typeof document.createElement;
  assert.equal(renderer.render('&copy; &ndash;', { highlightLimit: FINAL_HIGHLIGHT_LIMIT }), '<p>© –</p>\n');
  assert.deepEqual(created, ['textarea']);
});
