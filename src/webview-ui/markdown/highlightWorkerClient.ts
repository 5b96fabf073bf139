// Highlights code in a Web Worker, so that a long block never holds the webview's main thread. A webview may start a
// worker only from a blob: or data: URL, so the worker's bundle is fetched from the webview's resources first and
// started from a blob: URL (the Content-Security-Policy allows that fetch and blob: workers, webviewHtml.ts). Where
// the worker cannot start or fails, the code is highlighted on the main thread instead, and the problem is reported
// once.
import type { Highlight } from './highlightLater';
import { describeError } from '../../shared/errorText';

export interface HighlightRequest {
  id: number;
  code: string;
  language: string;
}

export interface HighlightAnswer {
  id: number;
  /** The highlighted HTML; null when the worker does not know the language. */
  html: string | null;
}

/** What the client needs of a worker. */
export interface WorkerPort {
  postMessage(request: HighlightRequest): void;
  onmessage: ((event: MessageEvent<HighlightAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface HighlightWorkerOptions {
  /** Starts the worker; its failure makes every request use `fallback`. */
  start: () => Promise<WorkerPort>;
  /** Highlights on the main thread. */
  fallback: (code: string, language: string) => string | undefined;
  /** Told once what went wrong with the worker. */
  report: (problem: string) => void;
}

/** Starts a worker from the script at `url`, fetched and handed over as a blob: URL. */
export async function startWorkerFrom(url: string): Promise<WorkerPort> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for the highlight worker`);
  const blobUrl = URL.createObjectURL(await response.blob());
  return new Worker(blobUrl) as unknown as WorkerPort;
}

/** A `Highlight` served by one worker, started on the first request. */
export function workerHighlight(options: HighlightWorkerOptions): Highlight {
  const waiting = new Map<number, (html: string | undefined) => void>();
  let nextId = 0;
  let worker: Promise<WorkerPort | undefined> | undefined;
  let failed = false;
  const fail = (problem: string): void => {
    if (failed) return;
    failed = true;
    options.report(`Code is highlighted on the chat's main thread: ${problem}`);
  };
  const onMainThread = (code: string, language: string) => Promise.resolve(options.fallback(code, language));
  const started = (): Promise<WorkerPort | undefined> => {
    worker ??= options.start().then(
      (port) => {
        port.onmessage = ({ data }) => {
          waiting.get(data.id)?.(data.html ?? undefined);
          waiting.delete(data.id);
        };
        port.onerror = (event) => {
          // A worker the page's policy refuses fails this way too, with an event that has no message.
          fail(event.message || 'it stopped with an error, or the page refused to start it');
          // What it was asked and will not answer is highlighted here instead; so is everything after.
          worker = Promise.resolve(undefined);
          for (const answer of waiting.values()) answer(undefined);
          waiting.clear();
        };
        return port;
      },
      (error: unknown) => {
        fail(describeError(error));
        return undefined;
      },
    );
    return worker;
  };
  return async (code, language) => {
    const port = await started();
    if (!port) return onMainThread(code, language);
    const id = nextId++;
    const html = await new Promise<string | undefined>((resolve) => {
      waiting.set(id, resolve);
      port.postMessage({ id, code, language });
    });
    return html ?? (failed ? onMainThread(code, language) : undefined);
  };
}
