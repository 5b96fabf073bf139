import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  ChatMessageView,
  ChatState,
  HostToWebviewMessage,
  WebviewToHostMessage,
} from '../../../src/shared/protocol';
import { MAX_MESSAGE_LENGTH } from '../../../src/shared/protocol';
import { ChatApp } from '../../../src/webview-ui/app';
import type { PersistedState } from '../../../src/webview-ui/host';
import { createTestRenderer, type TestWindow, withGlobalDom } from './dom';

const renderer = createTestRenderer();

interface Harness {
  app: ChatApp;
  root: HTMLElement;
  posted: WebviewToHostMessage[];
  saved: PersistedState[];
  /** Runs the animation frames the app asked for, as the browser would on its next paint. */
  paint(): void;
  find(testId: string, scope?: ParentNode): HTMLElement | null;
  findAll(testId: string, scope?: ParentNode): HTMLElement[];
  send(message: HostToWebviewMessage): void;
}

function harness(window: TestWindow, stored: PersistedState = { draft: '' }): Harness {
  const root = window.document.getElementById('app');
  assert.ok(root);
  const posted: WebviewToHostMessage[] = [];
  const saved: PersistedState[] = [];
  let frames: (() => void)[] = [];
  const app = new ChatApp(root, {
    host: { post: (m) => posted.push(m), loadState: () => stored, saveState: (s) => saved.push(s) },
    renderer,
    requestFrame: (callback) => frames.push(callback),
    now: () => 0,
  });
  return {
    app,
    root,
    posted,
    saved,
    paint() {
      const pending = frames;
      frames = [];
      for (const frame of pending) frame();
    },
    find: (testId, scope = root) => scope.querySelector<HTMLElement>(`[data-testid="${testId}"]`),
    findAll: (testId, scope = root) => [...scope.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)],
    send: (message) => app.handle(message),
  };
}

function message(
  id: string,
  role: 'user' | 'assistant',
  text: string,
  extra: Partial<ChatMessageView> = {},
): ChatMessageView {
  return { id, role, text, status: 'complete', createdAt: 1, ...extra };
}

function state(messages: ChatMessageView[], extra: Partial<ChatState> = {}): ChatState {
  return {
    conversationId: 'c1',
    title: 'About sorting',
    messages,
    history: [
      { id: 'c1', title: 'About sorting', updatedAt: 2, messageCount: messages.length },
      { id: 'c0', title: 'Older', updatedAt: 1, messageCount: 4 },
    ],
    backend: { protocol: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2' },
    ...extra,
  };
}

function click(element: HTMLElement | null): void {
  assert.ok(element, 'element to click exists');
  element.click();
}

function press(window: TestWindow, target: HTMLElement | null, key: string, shiftKey = false): KeyboardEvent {
  assert.ok(target);
  const event = new window.KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

test('a conversation shows its messages with roles, title, model chip and the right actions', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Sort <b>this</b>'), message('a1', 'assistant', '**Done**')]),
    });
    const items = h.findAll('message');
    assert.deepEqual(
      items.map((m) => [m.dataset.role, m.dataset.status]),
      [
        ['user', 'complete'],
        ['assistant', 'complete'],
      ],
    );
    assert.equal(h.find('message-body', items[0])?.textContent, 'Sort <b>this</b>');
    assert.equal(h.find('message-body', items[1])?.querySelector('strong')?.textContent, 'Done');
    assert.equal(h.find('title')?.textContent, 'About sorting');
    assert.match(h.find('backend-chip')?.textContent ?? '', /llama3\.2/);
    assert.ok(h.find('edit', items[0]));
    assert.ok(h.find('regenerate', items[1]));
    assert.equal(h.find('retry'), null);
    click(h.find('regenerate'));
    click(h.find('edit'));
    click(h.find('backend-chip'));
    click(h.find('new-chat'));
    click(h.find('export'));
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['regenerate', 'editLast', 'selectModel', 'newChat', 'export'],
    );
    assert.deepEqual(h.saved.at(-1), { draft: '', conversationId: 'c1' });
  });
});

test('streamed deltas render once per frame, Stop shows while streaming, and the final message replaces them', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Explain'), message('a1', 'assistant', '', { status: 'streaming' })], {
        streamingId: 'a1',
      }),
    });
    assert.equal(h.find('stop')?.hidden, false);
    assert.equal(h.find('send')?.hidden, true);
    assert.equal(h.find('regenerate'), null);
    const reply =
      '# Heading\n\nFirst *para*.\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\nLast words';
    for (const char of reply) h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: char });
    const body = h.find('message-body', h.findAll('message')[1]);
    assert.equal(body?.textContent, '', 'nothing is rendered before the frame');
    h.paint();
    assert.equal(body?.querySelector('h1')?.textContent, 'Heading');
    assert.match(body?.textContent ?? '', /Last words/);
    assert.equal(h.findAll('message')[1].getAttribute('aria-busy'), 'true');
    const streamedHtml = [...(body?.children ?? [])].map((part) => part.innerHTML).join('');

    const event = press(window, h.find('input'), 'Escape');
    assert.equal(event.defaultPrevented, true);
    assert.deepEqual(h.posted.at(-1), { type: 'stop' });

    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a1', 'assistant', reply, { status: 'stopped' }),
    });
    const final = h.findAll('message')[1];
    assert.equal(final.dataset.status, 'stopped');
    assert.equal(h.find('message-body', final)?.innerHTML, streamedHtml, 'the streamed render equals the full render');
    assert.equal(h.find('stop')?.hidden, true);
    assert.ok(h.find('continue', final));
    assert.ok(h.find('regenerate', final));
    assert.match(h.find('notice', final)?.textContent ?? '', /Stopped/);
  });
});

test('a failed reply keeps its partial text and shows the error, its detail on demand, Retry and Continue', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const failed = message('a1', 'assistant', 'Partial answer', {
      status: 'error',
      error: {
        kind: 'rate-limited',
        message: 'Too many requests.',
        detail: 'HTTP 429: slow down',
        retryAfterSeconds: 30,
      },
      stats: {
        backend: 'openai-compatible',
        model: 'llama3.2',
        firstChunkMs: 250,
        durationMs: 2000,
        chunks: 10,
        chars: 400,
      },
    });
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), failed]) });
    const box = h.find('error-box');
    assert.equal(box?.dataset.errorKind, 'rate-limited');
    assert.match(box?.textContent ?? '', /limiting requests.*Too many requests\..*retry in 30 seconds/s);
    assert.match(h.find('message-body', h.findAll('message')[1])?.textContent ?? '', /Partial answer/);
    const detail = h.find('error-detail');
    assert.equal(detail?.hidden, true);
    click(h.find('error-detail-toggle'));
    assert.equal(detail?.hidden, false);
    assert.equal(h.find('error-detail-toggle')?.getAttribute('aria-expanded'), 'true');
    assert.equal(h.find('regenerate'), null);
    click(h.find('retry'));
    click(h.find('continue'));
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['retry', 'continue'],
    );
    const details = h.find('details');
    assert.equal(details?.hidden, true);
    click(h.find('details-toggle'));
    assert.equal(details?.hidden, false);
    assert.match(details?.textContent ?? '', /First chunk after250 ms.*Duration2\.0 s.*Chunks10.*Speed200 chars\/s/s);
  });
});

test('Enter sends with the offered context, Shift+Enter does not, and the draft is kept across reloads', () => {
  withGlobalDom((window) => {
    const h = harness(window, { draft: 'unsent words', conversationId: 'c1' });
    const input = h.find('input') as HTMLTextAreaElement;
    assert.equal(input.value, 'unsent words');
    h.send({
      type: 'state',
      state: state([], { context: { fileName: '/src/sort.ts', languageId: 'typescript', text: 'a\nb' } }),
    });
    assert.match(h.find('context-chip')?.textContent ?? '', /sort\.ts.*typescript/);
    assert.match(h.find('empty-state')?.textContent ?? '', /Ask a question/);
    input.value = 'Explain this';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    assert.equal(h.saved.at(-1)?.draft, 'Explain this');
    press(window, input, 'Enter', true);
    assert.equal(h.posted.length, 0);
    press(window, input, 'Enter');
    assert.deepEqual(h.posted, [{ type: 'send', text: 'Explain this', includeContext: true }]);
    assert.equal(input.value, '');
    assert.equal(h.saved.at(-1)?.draft, '');
    assert.equal(h.find('context-chip'), null);

    h.send({ type: 'context', context: { fileName: 'b.py', languageId: 'python', text: 'x' } });
    click(h.find('context-dismiss'));
    assert.equal(h.find('context-chip'), null);
    input.value = 'No context';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    click(h.find('send'));
    assert.deepEqual(h.posted.slice(1), [
      { type: 'dismissContext' },
      { type: 'send', text: 'No context', includeContext: false },
    ]);

    h.send({ type: 'setInput', text: 'edited question' });
    assert.equal(input.value, 'edited question');
    assert.equal(window.document.activeElement, input);
  });
});

test('a message over the host limit is refused with a reason and stays in the box', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const input = h.find('input') as HTMLTextAreaElement;
    const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    input.value = tooLong;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    press(window, input, 'Enter');
    assert.equal(h.posted.length, 0);
    assert.equal(input.value, tooLong);
    const problem = h.find('composer-problem');
    assert.equal(problem?.hidden, false);
    assert.match(problem?.textContent ?? '', /1,000,001 characters; the limit is 1,000,000/);
    input.value = 'short';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    assert.equal(problem?.hidden, true);
    press(window, input, 'Enter');
    assert.deepEqual(h.posted, [{ type: 'send', text: 'short', includeContext: false }]);
  });
});

test('links go to the host instead of navigating, and code buttons send the code', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('a1', 'assistant', 'See [docs](https://example.com/x)\n\n```py\nprint("<hi>")\n```')]),
    });
    const link = h.root.querySelector('a');
    assert.ok(link);
    const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    assert.equal(event.defaultPrevented, true);
    click(h.find('code-copy'));
    click(h.find('code-insert'));
    assert.deepEqual(h.posted, [
      { type: 'openLink', href: 'https://example.com/x' },
      { type: 'copyCode', code: 'print("<hi>")\n' },
      { type: 'insertCode', code: 'print("<hi>")\n' },
    ]);
  });
});

test('history opens from the header, reopens or deletes a chat, and Escape closes it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const panel = h.find('history-panel');
    assert.equal(panel?.hidden, true);
    click(h.find('history'));
    assert.equal(panel?.hidden, false);
    assert.equal(h.find('history')?.getAttribute('aria-expanded'), 'true');
    const items = h.findAll('history-item');
    assert.deepEqual(
      items.map((i) => i.dataset.conversationId),
      ['c1', 'c0'],
    );
    assert.equal(h.find('history-open', items[0])?.getAttribute('aria-current'), 'true');
    click(h.find('history-open', items[1]));
    click(h.find('history-delete', items[1]));
    assert.deepEqual(h.posted, [
      { type: 'openConversation', id: 'c0' },
      { type: 'deleteConversation', id: 'c0' },
    ]);
    press(window, h.find('history-open', items[0]), 'Escape');
    assert.equal(panel?.hidden, true);
    assert.equal(window.document.activeElement, h.find('history'));
  });
});

test('deltas for another conversation are ignored; a delta for a new reply creates it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')]) });
    h.send({ type: 'delta', conversationId: 'other', messageId: 'x', text: 'nope' });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a9', text: 'Hello' });
    h.paint();
    const items = h.findAll('message');
    assert.deepEqual(
      items.map((m) => [m.dataset.role, m.dataset.status]),
      [
        ['user', 'complete'],
        ['assistant', 'streaming'],
      ],
    );
    assert.equal(h.find('message-body', items[1])?.textContent?.trim(), 'Hello');
  });
});
