// The webview's side of the channel to the extension host, and what it keeps across hide/reload.
import type { WebviewToHostMessage } from '../shared/protocol';

/**
 * What `vscode.setState` holds: only what the host cannot give back. The panel serializer receives this object,
 * so `conversationId` tells it which conversation to reopen.
 */
export interface PersistedState {
  conversationId?: string;
  draft: string;
}

export interface HostChannel {
  post(message: WebviewToHostMessage): void;
  loadState(): PersistedState;
  saveState(state: PersistedState): void;
}

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function toPersistedState(value: unknown): PersistedState {
  if (typeof value !== 'object' || value === null) return { draft: '' };
  const record = value as Record<string, unknown>;
  return {
    conversationId: typeof record.conversationId === 'string' ? record.conversationId : undefined,
    draft: typeof record.draft === 'string' ? record.draft : '',
  };
}

/** Must be called once per webview: VS Code refuses a second `acquireVsCodeApi()`. */
export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => toPersistedState(api.getState()),
    saveState: (state) => api.setState(state),
  };
}
