import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../../src/webview-ui/markdown/escape';
import { highlightCode } from '../../../src/webview-ui/markdown/highlight';
import { type CodeUpdate, StreamingCode } from '../../../src/webview-ui/markdown/streamingCode';

const LIMITS = { maxChars: 100_000, longLine: /[^\n]{1001}/ };

/** Code in each language the webview highlights, with comments, strings and blocks over several lines. */
const SAMPLES: Record<string, string> = {
  bash: 'for f in *.ts; do\n  echo "file: $f" # say it\ndone\ncat <<EOF\ntext\nEOF\n',
  c: '#include <stdio.h>\n/* a\n comment */\nint main(void) {\n  printf("%d\\n", 1);\n}\n',
  cpp: 'template <typename T>\nclass Box {\n  T value; // kept\n};\nauto s = R"(raw\nstring)";\n',
  csharp: 'public class A {\n  /// <summary>Doc</summary>\n  string s = @"verbatim\n  string";\n}\n',
  css: '.a {\n  color: red; /* note\n  more */\n}\n@media (max-width: 1px) {\n  .b { margin: 0; }\n}\n',
  diff: '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n context\n',
  go: 'package main\n\nfunc main() {\n\ts := `raw\nstring`\n\tfmt.Println(s) // out\n}\n',
  java: 'class A {\n  /** Doc\n   * more */\n  String s = """\n    text\n    """;\n}\n',
  javascript: 'const a = `one\n${b}\ntwo`;\n/* block\n */\nfunction f(x) {\n  return x / 2; // half\n}\n',
  json: '{\n  "name": "x",\n  "list": [1, 2, {\n    "deep": true\n  }]\n}\n',
  markdown: '# Title\n\n```js\nlet a = 1;\n```\n\n- item *em*\n',
  python: 'def f(x):\n    """Doc\n\n    string."""\n    return x  # comment\n\nclass A:\n    pass\n',
  rust: 'fn main() {\n    let s = r#"raw\nstring"#;\n    /* block\n    */\n    println!("{}", s);\n}\n',
  shell: '$ npm test\n> tests\nok\n',
  sql: "SELECT a,\n  b -- note\nFROM t\nWHERE s = 'multi\nline';\n",
  typescript: 'interface A {\n  b: string; // note\n}\nconst c = `t\n${1}\n`;\n/* x\n*/\nexport { c };\n',
  xml: '<root>\n  <!-- a\n  comment -->\n  <script>\n  let a = 1;\n  </script>\n</root>\n',
  yaml: 'key: value\nlist:\n  - a\n  - "b"\ntext: |\n  block\n  text\n',
};

/** Streams `code` a line at a time, then completes it; returns the updates and the HTML they add up to. */
function streamLines(stream: StreamingCode, code: string): { updates: CodeUpdate[]; html: string } {
  const updates: CodeUpdate[] = [];
  let settled = '';
  let shown = '';
  for (let end = code.indexOf('\n') + 1; end > 0; end = code.indexOf('\n', end) + 1) {
    const update = stream.update(code.slice(0, end), Infinity, false);
    updates.push(update);
    settled += update.settled;
    shown = settled + update.live;
  }
  const last = stream.update(code, Infinity, true);
  updates.push(last);
  settled += last.settled;
  assert.equal(last.live, '', 'code left live once complete');
  assert.ok(shown.length > 0);
  return { updates, html: last.plain ?? settled };
}

/** Rules that match across lines: a piece ending at the top level may still change with the next lines. */
const ACROSS_LINES = { yaml: SAMPLES.yaml, markdown: 'Intro\n\nTitle\n=====\n\nText\n' };

test('code highlighted a piece at a time comes out as highlighted whole, in every language, settling as it goes', () => {
  for (const [language, code] of Object.entries(SAMPLES)) {
    const { updates, html } = streamLines(new StreamingCode(language, LIMITS), code);
    assert.deepEqual(updates.at(-1)?.recheck, { language, shown: html }, `${language}: the check once complete`);
    if (language !== 'yaml') assert.equal(html, highlightCode(code, language), language);
    // Without the top-level check telling (highlight.js's `_top`), nothing would settle before the end.
    const settledEarly = updates.slice(0, -1).filter((update) => update.settled !== '').length;
    assert.ok(settledEarly >= 2, `${language}: ${settledEarly} pieces settled before the end`);
  }
});

test('lines inside a comment or string stay live, highlighted again with the next lines, until it ends', () => {
  const stream = new StreamingCode('typescript', LIMITS);
  assert.notEqual(stream.update('let a = 1;\n', Infinity, false).settled, '');
  const open = stream.update('let a = 1;\n/* one\ntwo', Infinity, false);
  assert.deepEqual([open.settled, open.highlighted], ['', '/* one\n'.length]);
  assert.equal(open.live, '<span class="hljs-comment">/* one\n</span>two');
  const closed = stream.update('let a = 1;\n/* one\ntwo */\n', Infinity, false);
  assert.equal(closed.settled, '<span class="hljs-comment">/* one\ntwo */</span>\n');
  assert.equal(closed.highlighted, '/* one\ntwo */\n'.length);
});

test('a share of whole lines is highlighted at a time, the rest shown plain until later updates', () => {
  const stream = new StreamingCode('typescript', LIMITS);
  const lines = 'let a = 1;\n'.repeat(10);
  const first = stream.update(`${lines}let b`, 25, false);
  assert.equal(first.highlighted, 22, 'two lines of 11 characters');
  assert.equal(first.caughtUp, false);
  assert.equal(first.live, escapeHtml(`${'let a = 1;\n'.repeat(8)}let b`));
  const long = new StreamingCode('typescript', LIMITS);
  assert.equal(long.update(`const longer = 1;\n${lines}`, 5, false).highlighted, 18, 'a first line over the share');
  const unended = new StreamingCode('typescript', LIMITS);
  const last = unended.update('const noLineBreak = 1;', 5, true);
  assert.deepEqual([last.highlighted, last.caughtUp], [22, true]);
});

test('a YAML block scalar or a Markdown underlined heading settles wrong, put right by the check once complete', () => {
  for (const [language, code] of Object.entries(ACROSS_LINES)) {
    const { updates, html } = streamLines(new StreamingCode(language, LIMITS), code);
    assert.notEqual(html, highlightCode(code, language), language);
    assert.deepEqual(updates.at(-1)?.recheck, { language, shown: html });
  }
});

test('code that never ends outside a string is settled anyway past a limit, and checked whole once complete', () => {
  const stream = new StreamingCode('typescript', LIMITS);
  const code = `const s = \`${'template text\n'.repeat(800)}\`;\nconst t = 1;\n`;
  const { updates, html } = streamLines(stream, code);
  const forcedAt = updates.findIndex((update) => update.settled !== '');
  assert.ok(forcedAt > 0 && forcedAt < updates.length - 5, `settled first at update ${forcedAt}`);
  assert.ok(
    updates.slice(forcedAt + 1).every((update) => update.highlighted < 10_000),
    'highlighted whole again',
  );
  assert.notEqual(html, highlightCode(code, 'typescript'));
  assert.deepEqual(updates.at(-1)?.recheck, { language: 'typescript', shown: html });
});

test('a line too long to highlight, or code too long, turns the code plain, and the whole block once complete', () => {
  const long = new StreamingCode('typescript', LIMITS);
  const code = `let a = 1;\nconst minified = "${'x'.repeat(1200)}";\nlet b = 2;\n`;
  const { updates, html } = streamLines(long, code);
  assert.match(updates[0].settled, /hljs-keyword/);
  assert.equal(updates[2].settled, 'let b = 2;\n');
  assert.equal(html, escapeHtml(code));
  assert.equal(updates.at(-1)?.recheck, undefined);
  const big = new StreamingCode('typescript', { ...LIMITS, maxChars: 30 });
  const bigCode = 'let a = 1;\n'.repeat(5);
  assert.equal(streamLines(big, bigCode).html, escapeHtml(bigCode));
});

test('code in a language not highlighted is escaped as it comes, and needs nothing more once complete', () => {
  const stream = new StreamingCode(undefined, LIMITS);
  const code = '<b>not markup</b>\n& more\n';
  const { updates, html } = streamLines(stream, code);
  assert.equal(html, escapeHtml(code));
  assert.ok(updates.every((update) => update.highlighted === 0 && !update.plain && !update.recheck));
});
