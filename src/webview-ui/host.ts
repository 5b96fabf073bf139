// The webview's side of the channel to the extension host: requests that the host answers by id, and what the
// webview keeps across hide and reload.
import type { HostNotifications, WebviewToHostMessage } from '../shared/messages';
import { parseWebviewState, type WebviewState } from '../shared/webviewState';

export interface HostChannel {
  /** Sends a request and settles with the host's reply: resolves when it was carried out, rejects with its reason. */
  request(message: WebviewToHostMessage): Promise<void>;
  /**
   * Sends a request whose outcome the caller does not wait for; a failure is logged (the host has shown it), and
   * `undo` takes back what the page did in its expectation.
   */
  post(message: WebviewToHostMessage, undo?: () => void): void;
  /** Settles the request that `reply` answers. */
  settle(reply: HostNotifications['reply']): void;
  loadState(): WebviewState;
  saveState(state: WebviewState): void;
}

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A channel over any `postMessage`; the pending requests wait for their replies by id. */
export function createHostChannel(api: VsCodeApi): HostChannel {
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextId = 1;
  const request = (message: WebviewToHostMessage): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextId++;
      pending.set(requestId, { resolve, reject });
      api.postMessage({ ...message, requestId });
    });
  return {
    request,
    post: (message, undo) => {
      request(message).catch((error: unknown) => {
        console.warn(`"${message.type}" failed: ${String(error)}`);
        undo?.();
      });
    },
    settle: ({ requestId, error }) => {
      const waiting = pending.get(requestId);
      pending.delete(requestId);
      if (error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(error));
    },
    loadState: () => parseWebviewState(api.getState()),
    saveState: (state) => api.setState(state),
  };
}

/** Must be called once per webview: VS Code refuses a second `acquireVsCodeApi()`. */
export function connectToHost(): HostChannel {
  return createHostChannel(acquireVsCodeApi());
}
