// Long code in a reply's final form: shown plain at once and highlighted when the highlighter (the webview's worker)
// answers; the worker's client, and its fallback to the main thread when the worker cannot serve.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutralizeControlChars } from '../../../src/webview-ui/controlChars';
import { HIGHLIGHT_LATER_ATTRIBUTE, type Highlight } from '../../../src/webview-ui/markdown/highlightLater';
import {
  workerHighlight,
  type HighlightAnswer,
  type HighlightRequest,
  type WorkerPort,
} from '../../../src/webview-ui/markdown/highlightWorkerClient';
import { finalEnv, HIGHLIGHT_NOW_LIMIT } from '../../../src/webview-ui/markdown/render';
import { createTestRenderer, createTestWindow } from './dom';

/** TypeScript of about `chars` characters, a line at a time. */
const code = (chars: number): string => 'const value = compute(1);\n'.repeat(Math.ceil(chars / 26));
const block = (text: string, language = 'ts'): string => '```' + language + '\n' + text + '```';

/** A highlighter that answers when told to, and what it was asked. */
function heldHighlighter(answer: (code: string) => string | undefined) {
  const asked: string[] = [];
  const pending: (() => void)[] = [];
  const highlight: Highlight = (text) => {
    asked.push(text);
    return new Promise((resolve) => pending.push(() => resolve(answer(text))));
  };
  const answerAll = async () => {
    for (const release of pending.splice(0)) release();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { highlight, asked, answerAll };
}

function show(markdown: string, highlight: Highlight): HTMLElement {
  const renderer = createTestRenderer(highlight);
  const container = createTestWindow().document.createElement('div');
  container.innerHTML = renderer.render(neutralizeControlChars(markdown), finalEnv());
  renderer.highlightLater(container);
  return container;
}

describe('code highlighted later', () => {
  it('shows long code plain at once, then highlighted as the highlighter answers', async () => {
    const held = heldHighlighter(() => '<span class="hljs-keyword">const</span> rest');
    const long = code(HIGHLIGHT_NOW_LIMIT + 100);
    const view = show(block(long), held.highlight);
    const element = view.querySelector('code');
    assert.ok(element);
    assert.equal(element.querySelector('span'), null);
    assert.equal(element.textContent, long);
    assert.equal(element.hasAttribute(HIGHLIGHT_LATER_ATTRIBUTE), false);
    assert.deepEqual(held.asked, [long]);
    await held.answerAll();
    assert.ok(element.querySelector('.hljs-keyword'));
  });

  it('highlights short code at once, and leaves code in an unknown language plain without asking', () => {
    const held = heldHighlighter(() => undefined);
    const view = show(`${block(code(200))}\n\n${block(code(HIGHLIGHT_NOW_LIMIT + 100), 'nosuchlang')}`, held.highlight);
    const [short, unknown] = view.querySelectorAll('code');
    assert.ok(short.querySelector('.hljs-keyword'));
    assert.equal(unknown.querySelector('span'), null);
    assert.deepEqual(held.asked, []);
  });

  it('drops an answer for code that changed meanwhile, and an answer of any other shape than highlighting', async () => {
    const held = heldHighlighter(() => '<span class="hljs-keyword">const</span>');
    const changed = show(block(code(HIGHLIGHT_NOW_LIMIT + 100)), held.highlight).querySelector('code');
    assert.ok(changed);
    changed.textContent = 'other';
    await held.answerAll();
    assert.equal(changed.innerHTML, 'other');
    const hostile = heldHighlighter(() => '<img src=x onerror="alert(1)">');
    const element = show(block(code(HIGHLIGHT_NOW_LIMIT + 100)), hostile.highlight).querySelector('code');
    await hostile.answerAll();
    assert.equal(element?.querySelector('img, span'), null);
  });
});

/** A worker that answers with the code upper-cased, or fails when told to. */
function fakeWorker() {
  const requests: HighlightRequest[] = [];
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (request) => requests.push(request),
  };
  const answer = (request: HighlightRequest, html: string | null) =>
    port.onmessage?.({ data: { id: request.id, html } satisfies HighlightAnswer } as MessageEvent<HighlightAnswer>);
  const fail = (message: string) => port.onerror?.({ message } as ErrorEvent);
  return { port, requests, answer, fail };
}

describe('the highlight worker client', () => {
  const fallback = (text: string) => `main:${text}`;

  it('starts the worker once, and answers each request with its own answer', async () => {
    const worker = fakeWorker();
    let starts = 0;
    const highlight = workerHighlight({
      start: () => (starts++, Promise.resolve(worker.port)),
      fallback,
      report: () => assert.fail('nothing went wrong'),
    });
    const first = highlight('a', 'ts');
    const second = highlight('b', 'ts');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(
      worker.requests.map((r) => r.code),
      ['a', 'b'],
    );
    worker.answer(worker.requests[1], 'B');
    worker.answer(worker.requests[0], null);
    assert.equal(await second, 'B');
    assert.equal(await first, undefined);
    assert.equal(starts, 1);
  });

  it('highlights on the main thread when the worker cannot start, and reports that once', async () => {
    const reports: string[] = [];
    const highlight = workerHighlight({
      start: () => Promise.reject(new Error('blocked by the page')),
      fallback,
      report: (problem) => reports.push(problem),
    });
    assert.equal(await highlight('a', 'ts'), 'main:a');
    assert.equal(await highlight('b', 'ts'), 'main:b');
    assert.equal(reports.length, 1);
    assert.match(reports[0], /blocked by the page/);
  });

  it('when the worker fails, highlights what it was asked and everything after on the main thread', async () => {
    const worker = fakeWorker();
    const reports: string[] = [];
    const highlight = workerHighlight({
      start: () => Promise.resolve(worker.port),
      fallback,
      report: (problem) => reports.push(problem),
    });
    const asked = highlight('a', 'ts');
    await new Promise((resolve) => setTimeout(resolve, 0));
    worker.fail('out of memory');
    assert.equal(await asked, 'main:a');
    assert.equal(await highlight('b', 'ts'), 'main:b');
    assert.equal(worker.requests.length, 1);
    assert.equal(reports.length, 1);
    assert.match(reports[0], /out of memory/);
  });
});
