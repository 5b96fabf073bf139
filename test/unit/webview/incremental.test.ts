import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeControlChars } from '../../../src/webview-ui/controlChars';
import { IncrementalMarkdown } from '../../../src/webview-ui/markdown/incremental';
import { FINAL_HIGHLIGHT_LIMIT } from '../../../src/webview-ui/markdown/render';
import { createTestRenderer } from './dom';

const renderer = createTestRenderer();

const SAMPLE = [
  '# Plan\r\n\r\n[r]: https://example.org/ref\n\n',
  'Some *intro* text with a [link](https://example.com) and a [ref][r].\r\n\r\n',
  '- one\n- two\n\n  continued two\n\n- three\n\nAfter the list.\n\n',
  '> quoted\n> more\n\n',
  '```python\ndef f():\n\n    return 1\n\n\nprint(f())\n```\n\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n',
  '    indented code\n\n    more\n\nText with \u202E override and emoji \u{1F600} and ZWJ \u{1F468}\u200D\u{1F469}.\n\n',
  '1. first\n2. second\n\n10. tenth\n\nSetext\n======\n\nEnd `code` **bold**',
].join('');

function streamInChunks(text: string, sizes: number[]): { html: string; renders: number } {
  const stream = new IncrementalMarkdown(renderer);
  let frozen = '';
  let tail = '';
  let offset = 0;
  let renders = 0;
  for (let i = 0; offset < text.length; i++) {
    const size = sizes[i % sizes.length];
    stream.append(text.slice(offset, offset + size));
    offset += size;
    const result = stream.render();
    frozen += result.frozen;
    tail = result.tail;
    renders++;
  }
  return { html: frozen + tail, renders };
}

function fullRender(text: string): string {
  return renderer.render(neutralizeControlChars(text), { highlightLimit: FINAL_HIGHLIGHT_LIMIT });
}

test('the incremental render equals the full render, whatever the chunk sizes', () => {
  const expected = fullRender(SAMPLE);
  for (const sizes of [[1], [2, 3, 5], [7], [64], [SAMPLE.length]]) {
    assert.equal(streamInChunks(SAMPLE, sizes).html, expected, `chunk sizes ${sizes.join(',')}`);
  }
});

test('a CRLF or a surrogate pair split across chunks renders as if it arrived whole', () => {
  const text = 'a\r\n\r\nb \u{1F600} \u{E0041}';
  assert.equal(streamInChunks(text, [1]).html, fullRender(text));
});

test('stable blocks stop being re-rendered: the tail holds only the last block', () => {
  const stream = new IncrementalMarkdown(renderer);
  stream.append('First paragraph.\n\n```js\nlet a = 1;\n\n');
  let result = stream.render();
  assert.equal(result.frozen, '<p>First paragraph.</p>\n');
  assert.doesNotMatch(result.tail, /First paragraph/);
  stream.append('```\n\nLast\n');
  result = stream.render();
  assert.match(result.frozen.replace(/<[^>]*>/g, ''), /let a = 1;/);
  assert.equal(result.tail, '<p>Last</p>\n');
});

test('a reference defined in an earlier block resolves in a later one while streaming', () => {
  const stream = new IncrementalMarkdown(renderer);
  stream.append('[x]: https://example.com/x\n\nSee [the doc][x]');
  const { tail } = stream.render();
  assert.match(tail, /<a href="https:\/\/example.com\/x"/);
});

test('a reference defined in a block rendered already still makes the complete text render whole', () => {
  const stream = new IncrementalMarkdown(renderer);
  stream.append('[x]: https://example.com/x\n\nFirst block.\n\nSecond block.\n');
  assert.match(stream.render().frozen, /First block/);
  stream.append('\nThird block.\n');
  assert.equal(stream.finish(), false);
});

test('rendered a small share at a time, the stable text comes out the same, and the tail waits until it is caught up', () => {
  // A text that defines a link reference renders whole when complete, never in shares.
  const text = SAMPLE.replace('[r]: https://example.org/ref\n\n', '');
  const expected = fullRender(text);
  const stream = new IncrementalMarkdown(renderer);
  let frozen = '';
  let steps = 0;
  for (let offset = 0; offset < text.length; offset += 40) {
    stream.append(text.slice(offset, offset + 40));
    const step = stream.render(10);
    frozen += step.frozen;
    steps++;
    if (!step.caughtUp) assert.equal(step.tail, '', 'a tail shown while stable blocks wait');
  }
  assert.ok(stream.finish());
  for (let step = stream.render(10); ; step = stream.render(10)) {
    frozen += step.frozen;
    assert.equal(step.tail, '');
    if (step.caughtUp) break;
    assert.ok(++steps < 200, 'the render never caught up');
  }
  assert.equal(frozen, expected);
});

test('a share of a burst renders no more than the blocks that reach it', () => {
  const code = `\`\`\`ts\n${'const value = compute();\n'.repeat(40)}\`\`\`\n`;
  const answer = `A paragraph of prose.\n\n${code}\nThe closing paragraph.\n\n`;
  const stream = new IncrementalMarkdown(renderer);
  stream.append(answer.repeat(5));
  const shares = [];
  for (let step = stream.render(50); !step.caughtUp; step = stream.render(50)) shares.push(step.stableChars);
  // The paragraph; the code block, longer than the share, alone; the closing paragraph with the next opening one.
  assert.deepEqual(shares.slice(0, 3), [23, code.length + 1, 47]);
});
