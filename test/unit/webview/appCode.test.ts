// A code block streaming into a reply in the chat webview: each frame adds the new lines to the block on screen, the
// lines shown before stay as they are, and once the block is complete it is highlighted again whole, off the main
// thread, and replaced only where that differs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessageView } from '../../../src/shared/protocol';
import { highlightCode } from '../../../src/webview-ui/markdown/highlight';
import type { Highlight } from '../../../src/webview-ui/markdown/highlightLater';
import { harness, message, state } from './appHarness';
import { createTestRenderer, type TestWindow, withGlobalDomAsync } from './dom';

/** A highlighter that records what it is asked and answers when the test says. */
function recordingHighlight(): { highlight: Highlight; asked: string[]; answerAll(): Promise<void> } {
  const waiting: (() => void)[] = [];
  const asked: string[] = [];
  return {
    asked,
    highlight: (code, language) =>
      new Promise((resolve) => {
        asked.push(`${language}:${code}`);
        waiting.push(() => resolve(highlightCode(code, language)));
      }),
    async answerAll() {
      for (const answer of waiting.splice(0)) answer();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The highlighted tokens under `element`: each one's class and text, in order. */
function tokens(element: Element | null | undefined): string[] {
  return [...(element?.querySelectorAll('[class^="hljs-"]') ?? [])].map((e) => `${e.className}:${e.textContent}`);
}

function highlighted(window: TestWindow, code: string, language: string): HTMLElement {
  const element = window.document.createElement('code');
  element.innerHTML = highlightCode(code, language) ?? '';
  return element;
}

/** A chat whose reply streams what `add` gives it, a frame each time, until `complete`. */
function streamInto(window: TestWindow, highlight: Highlight) {
  const h = harness(window, { draft: '' }, { renderer: createTestRenderer(highlight) });
  h.send({
    type: 'state',
    state: state([message('u1', 'user', 'Q'), message('a1', 'assistant', '', { status: 'streaming' })], {
      streamingId: 'a1',
    }),
  });
  let text = '';
  return {
    code: () => h.findAll('message')[1].querySelector('code'),
    add(delta: string) {
      text += delta;
      h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: delta });
      h.paint();
    },
    /** A state of the conversation with `reply`: its text, or the text after the first `textFrom` characters. */
    state(reply: ChatMessageView, textFrom?: number) {
      text = textFrom === undefined ? reply.text : text.slice(0, textFrom) + reply.text;
      const extra = textFrom === undefined ? {} : { textFrom: { a1: textFrom } };
      h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), reply], { streamingId: 'a1', ...extra }) });
      h.paint();
    },
    complete() {
      h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', text) });
      for (let frame = 0; frame < 10 && h.findAll('message')[1].dataset.status === 'streaming'; frame++) h.paint();
      assert.equal(h.findAll('message')[1].dataset.status, 'complete');
    },
  };
}

test('a code block streaming in keeps the lines it shows, adds the new ones, and is checked whole once complete', async () => {
  const recorder = recordingHighlight();
  await withGlobalDomAsync(async (window) => {
    const reply = streamInto(window, recorder.highlight);
    reply.add('Here:\n```ts\nconst a = 1;\n');
    const first = reply.code()?.querySelector('.hljs-keyword');
    assert.equal(first?.textContent, 'const');
    reply.add('const b = 2;\nconst c');
    reply.add(' = 3;\n');
    assert.ok(first?.isConnected, 'the first line was rendered again');
    assert.equal(reply.code()?.textContent, 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    assert.equal(reply.code()?.querySelectorAll('.hljs-keyword').length, 3);
    reply.add('```\nDone.');
    reply.complete();
    assert.ok(first?.isConnected, 'the block was rendered again as it completed');
    const code = 'const a = 1;\nconst b = 2;\nconst c = 3;\n';
    assert.deepEqual(tokens(reply.code()), tokens(highlighted(window, code, 'ts')));
    assert.equal(reply.code()?.textContent, code);
    assert.deepEqual(recorder.asked, [`ts:${code}`]);
    await recorder.answerAll();
    assert.ok(first?.isConnected, 'replaced by an answer that is the same');
  });
});

test('a block whose grammar matches across lines is replaced by the whole block highlighted, when that answers', async () => {
  const recorder = recordingHighlight();
  await withGlobalDomAsync(async (window) => {
    const reply = streamInto(window, recorder.highlight);
    const yaml = 'text: |\n  block\n  text\nkey: value\n';
    reply.add('```yaml\n');
    for (const line of yaml.split(/(?<=\n)/)) reply.add(line);
    reply.add('```\n');
    reply.complete();
    assert.notDeepEqual(tokens(reply.code()), tokens(highlighted(window, yaml, 'yaml')));
    await recorder.answerAll();
    assert.equal(reply.code()?.innerHTML, highlightCode(yaml, 'yaml'));
    assert.equal(reply.code()?.textContent, yaml);
  });
});

test('a state mid-stream with the reply so far keeps the lines shown and adds only what it brings', async () => {
  const recorder = recordingHighlight();
  await withGlobalDomAsync(async (window) => {
    const reply = streamInto(window, recorder.highlight);
    reply.add('```ts\nconst a = 1;\n');
    const first = reply.code()?.querySelector('.hljs-keyword');
    assert.equal(first?.textContent, 'const');
    // The host's state carries the text it holds, deltas it had not posted yet included (they are dropped).
    const sofar = '```ts\nconst a = 1;\nconst b = 2;\n';
    reply.state(message('a1', 'assistant', sofar, { status: 'streaming' }));
    assert.ok(first?.isConnected, 'the reply was rendered again from its start');
    assert.equal(reply.code()?.textContent, 'const a = 1;\nconst b = 2;\n');
    reply.add('const c = 3;\n');
    // As the host posts it when deltas brought the text before: only what follows it.
    const held = `${sofar}const c = 3;\n`.length;
    reply.state(message('a1', 'assistant', 'const d = 4;\n', { status: 'streaming' }), held);
    assert.ok(first?.isConnected);
    assert.equal(reply.code()?.textContent, 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst d = 4;\n');
    reply.add('```\n');
    reply.complete();
    assert.ok(first?.isConnected);
  });
});
