// A real DOM (jsdom) for the webview modules under test: DOMPurify needs one, and so does the chat app.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { Highlight } from '../../../src/webview-ui/markdown/highlightLater';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../../src/webview-ui/markdown/render';

export type TestWindow = JSDOM['window'];

export function createTestWindow(): TestWindow {
  return new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', { pretendToBeVisual: true }).window;
}

/**
 * A renderer as in the webview, where a document is global: markdown-it decodes entity references with the webview's
 * decoder (the unit build applies the webview bundle's alias), which parses them with the page's document.
 */
export function createTestRenderer(highlight?: Highlight): MarkdownRenderer {
  const window = createTestWindow();
  (globalThis as { document?: Document }).document ??= window.document;
  return createMarkdownRenderer(createDOMPurify(window), highlight);
}

/**
 * Makes a fresh jsdom window the global `window`/`document` the webview app expects, runs `body`, then removes
 * the globals again.
 */
export function withGlobalDom(body: (window: TestWindow) => void): void {
  const { window, restore } = installGlobalDom();
  try {
    body(window);
  } finally {
    restore();
  }
}

/** withGlobalDom for a body that waits: the globals stay until its promise settles. */
export async function withGlobalDomAsync(body: (window: TestWindow) => Promise<void>): Promise<void> {
  const { window, restore } = installGlobalDom();
  try {
    await body(window);
  } finally {
    restore();
  }
}

function installGlobalDom(): { window: TestWindow; restore(): void } {
  const window = createTestWindow();
  const global = globalThis as Record<string, unknown>;
  const names = ['window', 'document', 'Element', 'HTMLElement', 'KeyboardEvent', 'MouseEvent'] as const;
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of names) {
    Object.defineProperty(globalThis, name, { value: window[name], configurable: true, writable: true });
  }
  return {
    window,
    restore() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete global[name];
      }
      window.close();
    },
  };
}
