// The chat webview app in jsdom, as the unit tests drive it: the real app and host channel over a recording
// postMessage, frames run on demand, and small builders for messages and states.
import assert from 'node:assert/strict';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/shared/messages';
import type { ChatMessageView, ChatState } from '../../../src/shared/protocol';
import type { WebviewState } from '../../../src/shared/webviewState';
import { ChatApp } from '../../../src/webview-ui/app';
import { createHostChannel } from '../../../src/webview-ui/host';
import type { MarkdownRenderer } from '../../../src/webview-ui/markdown/render';
import { createTestRenderer, type TestWindow } from './dom';

export const renderer = createTestRenderer();

export interface Harness {
  app: ChatApp;
  root: HTMLElement;
  posted: WebviewToHostMessage[];
  /** The id each posted request carried, in the same order. */
  requestIds: (number | undefined)[];
  saved: WebviewState[];
  /** Runs the animation frames the app asked for, as the browser would on its next paint. */
  paint(): void;
  find(testId: string, scope?: ParentNode): HTMLElement | null;
  findAll(testId: string, scope?: ParentNode): HTMLElement[];
  send(message: HostToWebviewMessage): void;
}

/** A clock and renderer of the test's own (the default clock stands still, so a frame never runs out of time). */
export interface HarnessOptions {
  now?: () => number;
  renderer?: MarkdownRenderer;
}

export function harness(
  window: TestWindow,
  stored: WebviewState = { draft: '' },
  options: HarnessOptions = {},
): Harness {
  const root = window.document.getElementById('app');
  assert.ok(root);
  const posted: WebviewToHostMessage[] = [];
  const requestIds: (number | undefined)[] = [];
  const saved: WebviewState[] = [];
  let frames: (() => void)[] = [];
  let afterPaint: (() => void)[] = [];
  const app = new ChatApp(root, {
    // The real channel over a recording postMessage; the ids it adds are left out of what the tests compare.
    host: createHostChannel({
      postMessage: ({ requestId, ...request }) => {
        requestIds.push(requestId);
        posted.push(request as WebviewToHostMessage);
      },
      getState: () => stored,
      setState: (s) => saved.push(s),
    }),
    renderer: options.renderer ?? renderer,
    requestFrame: (callback) => frames.push(callback),
    afterPaint: (callback) => frames.push(() => afterPaint.push(callback)),
    now: options.now ?? (() => 0),
  });
  return {
    app,
    root,
    posted,
    requestIds,
    saved,
    paint() {
      const pending = frames;
      frames = [];
      for (const frame of pending) frame();
      const painted = afterPaint;
      afterPaint = [];
      for (const callback of painted) callback();
    },
    find: (testId, scope = root) => scope.querySelector<HTMLElement>(`[data-testid="${testId}"]`),
    findAll: (testId, scope = root) => [...scope.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)],
    send: (message) => app.handle(message),
  };
}

export function message(
  id: string,
  role: 'user' | 'assistant',
  text: string,
  extra: Partial<ChatMessageView> = {},
): ChatMessageView {
  return { id, role, text, status: 'complete', createdAt: 1, ...extra };
}

export function state(messages: ChatMessageView[], extra: Partial<ChatState> = {}): ChatState {
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

export function click(element: HTMLElement | null): void {
  assert.ok(element, 'element to click exists');
  element.click();
}

export function press(window: TestWindow, target: HTMLElement | null, key: string, shiftKey = false): KeyboardEvent {
  assert.ok(target);
  const event = new window.KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}
