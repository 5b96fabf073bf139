import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeControlChars } from '../../../src/webview-ui/controlChars';
import { IncrementalMarkdown, type IncrementalRender } from '../../../src/webview-ui/markdown/incremental';
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

/** The HTML the steps of a stream add up to, as the view puts them together (view/streamedBody.ts). */
class RenderedHtml {
  frozen = '';
  tail = '';
  private code: { shell: string; settled: string; live: string } | undefined;

  add(step: IncrementalRender): void {
    this.frozen += step.frozen;
    this.tail = step.tail;
    const { code } = step;
    if (!code) return;
    if (code.opened !== undefined) this.code = { shell: code.opened, settled: '', live: '' };
    assert.ok(this.code, 'code before its block opened');
    this.code.settled = code.plain ?? this.code.settled + code.settled;
    this.code.live = code.live;
    if (code.done) {
      this.frozen += this.codeHtml();
      this.code = undefined;
    }
  }

  /** Everything shown: the stable blocks, the code block streaming, the tail. */
  get html(): string {
    return this.frozen + (this.code ? this.codeHtml() : '') + this.tail;
  }

  private codeHtml(): string {
    const { shell, settled, live } = this.code ?? { shell: '', settled: '', live: '' };
    return shell.replace('></code>', `>${settled}${live}</code>`);
  }
}

/** Renders steps until the stream has caught up. */
function renderAll(stream: IncrementalMarkdown, shown: RenderedHtml, maxChars = Infinity): number {
  let steps = 0;
  for (let step = stream.render(maxChars); ; step = stream.render(maxChars)) {
    shown.add(step);
    steps++;
    if (step.caughtUp) return steps;
    assert.ok(steps < 10_000, 'the render never caught up');
  }
}

function streamInChunks(text: string, sizes: number[]): { html: string; renders: number } {
  const stream = new IncrementalMarkdown(renderer);
  const shown = new RenderedHtml();
  let offset = 0;
  let renders = 0;
  for (let i = 0; offset < text.length; i++) {
    const size = sizes[i % sizes.length];
    stream.append(text.slice(offset, offset + size));
    offset += size;
    renderAll(stream, shown);
    renders++;
  }
  return { html: shown.html, renders };
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

/** Code blocks of every shape a reply gives them, fenced at the start of a line and elsewhere. */
const CODE_SAMPLE = [
  'Some code:\n```ts\nconst a = 1; /* a comment\nover lines */\nconst s = `a\n\ntemplate`;\n```\nRight after.\n\n',
  '- a list item\n```python\ndef f():\n    """A docstring\n\n    with a blank line."""\n    return 1\n```\n',
  '~~~~ js title="x.js"\nlet x = 1;\n~~~\n    ~~~~\n~~~~~\n\n```\n```\n\n1. step\n\n   ```bash\n   echo hi\n   ```\n\n',
  '```unknown-language\n<b>not markup</b> & more\n```\n\n```json\n{ "a": [1, 2] }\n',
].join('');

test('code blocks streamed render as the full render shows them, whatever the chunk sizes', () => {
  const expected = fullRender(CODE_SAMPLE);
  assert.match(expected, /hljs-comment/);
  for (const sizes of [[1], [2, 3, 5], [7], [64], [CODE_SAMPLE.length]]) {
    assert.equal(streamInChunks(CODE_SAMPLE, sizes).html, expected, `chunk sizes ${sizes.join(',')}`);
  }
});

test('a CRLF or a surrogate pair split across chunks renders as if it arrived whole', () => {
  const text = 'a\r\n\r\nb \u{1F600} \u{E0041}';
  assert.equal(streamInChunks(text, [1]).html, fullRender(text));
});

test('stable blocks stop being re-rendered: the tail holds only the last block', () => {
  const stream = new IncrementalMarkdown(renderer);
  stream.append('First paragraph.\n\nSecond\n');
  let result = stream.render();
  assert.equal(result.frozen, '<p>First paragraph.</p>\n');
  assert.equal(result.tail, '<p>Second</p>\n');
  stream.append('paragraph.\n\nLast\n');
  result = stream.render();
  assert.equal(result.frozen, '<p>Second\nparagraph.</p>\n');
  assert.equal(result.tail, '<p>Last</p>\n');
});

test('a code block streams on its own: each line is highlighted once, and only the lines after it change', () => {
  const stream = new IncrementalMarkdown(renderer);
  stream.append('Intro.\n```js\nlet a = 1;\nlet b');
  const intro = stream.render();
  assert.equal(intro.frozen, '<p>Intro.</p>\n', 'a fence ends the paragraph before it, blank line or not');
  assert.equal(intro.caughtUp, false);
  let step = stream.render();
  assert.match(step.code?.opened ?? '', /<code class="hljs language-js"><\/code>/);
  assert.equal(step.code?.settled, '<span class="hljs-keyword">let</span> a = <span class="hljs-number">1</span>;\n');
  assert.equal(step.code?.live, 'let b');
  assert.equal(step.tail, '');
  assert.equal(step.caughtUp, true);
  stream.append(' = 2;\n/* a comment\nstill');
  step = stream.render();
  assert.equal(step.code?.opened, undefined);
  assert.equal(step.stableChars, 'let b = 2;\n/* a comment\n'.length, 'lines settled were highlighted again');
  // Lines that end inside a comment do not settle: the next lines may change how they look.
  assert.equal(step.code?.settled, '');
  assert.match(step.code?.live ?? '', /<span class="hljs-comment">\/\* a comment\n<\/span>still$/);
  stream.append(' */\n``');
  step = stream.render();
  assert.equal(
    step.code?.settled,
    '<span class="hljs-keyword">let</span> b = <span class="hljs-number">2</span>;\n' +
      '<span class="hljs-comment">/* a comment\nstill */</span>\n',
  );
  assert.equal(step.code?.live, '', 'the start of what may be the closing line shows as code');
  stream.append('`\nAfter');
  step = stream.render();
  assert.deepEqual([step.code?.settled, step.code?.live, step.code?.done], ['', '', true]);
  assert.equal(step.caughtUp, false, 'the text after the block was not rendered yet');
  step = stream.render();
  assert.equal(step.tail, '<p>After</p>\n');
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
  const stream = new IncrementalMarkdown(renderer);
  const shown = new RenderedHtml();
  for (let offset = 0; offset < text.length; offset += 40) {
    stream.append(text.slice(offset, offset + 40));
    const step = stream.render(10);
    shown.add(step);
    if (!step.caughtUp) assert.equal(step.tail, '', 'a tail shown while stable blocks wait');
  }
  assert.ok(stream.finish());
  renderAll(stream, shown, 10);
  assert.equal(shown.tail, '');
  assert.equal(shown.html, fullRender(text));
});

test('a share of a burst renders no more than the blocks that reach it, and code a few lines at a time', () => {
  const code = `\`\`\`ts\n${'const value = compute();\n'.repeat(40)}\`\`\`\n`;
  const answer = `A paragraph of prose.\n\n${code}\nThe closing paragraph.\n\n`;
  const stream = new IncrementalMarkdown(renderer);
  stream.append(answer.repeat(5));
  const shares = [];
  for (let step = stream.render(50); !step.caughtUp; step = stream.render(50)) shares.push(step.stableChars);
  // The paragraph; the code, two lines of 25 characters at a time; the closing paragraph with the next opening one
  // (and the blank line after the code); the next code.
  assert.deepEqual(shares.slice(0, 23), [23, ...Array<number>(20).fill(50), 48, 50]);
});
