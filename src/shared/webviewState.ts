// What a chat webview keeps with `setState` across hide and reload: only what the host cannot give back. The panel
// serializer receives the same object, so `conversationId` tells it which conversation to reopen.

export interface WebviewState {
  conversationId?: string;
  /** The text typed but not yet sent. */
  draft: string;
}

/** The saved state, with whatever is missing or malformed replaced by nothing. Never throws. */
export function parseWebviewState(value: unknown): WebviewState {
  if (typeof value !== 'object' || value === null) return { draft: '' };
  const record = value as Record<string, unknown>;
  return {
    ...(typeof record.conversationId === 'string' ? { conversationId: record.conversationId } : {}),
    draft: typeof record.draft === 'string' ? record.draft : '',
  };
}
