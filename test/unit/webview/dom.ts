// A real DOM (jsdom) for the webview modules under test: DOMPurify needs one, and so does the chat app.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../../src/webview-ui/markdown/render';

export function createTestWindow(): JSDOM['window'] {
  return new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', { pretendToBeVisual: true })
    .window;
}

export function createTestRenderer(): MarkdownRenderer {
  return createMarkdownRenderer(createDOMPurify(createTestWindow()));
}
