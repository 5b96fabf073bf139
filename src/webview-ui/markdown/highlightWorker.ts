// The highlight worker's entry (its own bundle, media/dist/highlightWorker.js): highlights code for the chat webview
// off its main thread. Each request is answered with its id; see highlightWorkerClient.ts.
import { highlightCode } from './highlight';
import type { HighlightAnswer, HighlightRequest } from './highlightWorkerClient';

// A worker's global scope: the DOM library types it as a window, whose postMessage takes a target origin.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HighlightRequest>) => void) | null;
  postMessage(answer: HighlightAnswer): void;
};

scope.onmessage = ({ data }) => {
  scope.postMessage({ id: data.id, html: highlightCode(data.code, data.language) ?? null });
};
