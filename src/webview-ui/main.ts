// Entry of the chat webview. Test hooks (data-testid values) are listed in ./testids.ts.
import DOMPurify from 'dompurify';
import type { HostToWebviewMessage } from '../shared/messages';
import { ChatApp } from './app';
import { connectToHost } from './host';
import { highlightCode } from './markdown/highlight';
import { startWorkerFrom, workerHighlight } from './markdown/highlightWorkerClient';
import { createMarkdownRenderer } from './markdown/render';
import { parseTranslations, setTranslations } from '../shared/l10n';
// Codicons come first so the app's own rules can adjust them; esbuild emits their font next to the bundle.
import '@vscode/codicons/dist/codicon.css';
import './styles.css';

function isHostMessage(value: unknown): value is HostToWebviewMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const root = document.getElementById('app');
if (!root) throw new Error('The webview HTML has no #app element.');
// Before anything renders: every label is worded when it is first shown.
setTranslations(parseTranslations(root.dataset.l10n));
const host = connectToHost();
const workerUrl = root.dataset.highlightWorker;
const highlight =
  workerUrl === undefined
    ? undefined
    : workerHighlight({
        start: () => startWorkerFrom(workerUrl),
        fallback: highlightCode,
        report: (problem) => host.post({ type: 'reportProblem', message: problem }),
      });
const app = new ChatApp(root, {
  host,
  renderer: createMarkdownRenderer(DOMPurify, highlight),
  requestFrame: (callback) => requestAnimationFrame(callback),
  // A task queued from the frame's callbacks runs after that frame's paint.
  afterPaint: (callback) => requestAnimationFrame(() => setTimeout(callback, 0)),
  now: () => performance.now(),
});
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) app.handle(event.data);
});
// Opened to be typed into: the composer has the focus before the host's first message arrives.
if (document.body.dataset.focus === 'composer') app.handle({ type: 'focusInput' });
host.post({ type: 'ready' });
