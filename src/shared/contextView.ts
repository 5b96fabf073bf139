// The context a conversation carries as the webview shows it: one chip per added item (and one for the
// instructions), and the meter's figures. The items themselves stay on the host (src/chat/contextItems.ts).

export type ContextChipKind = 'instructions' | 'file' | 'selection' | 'problems';

export interface ContextChipView {
  /** The item's id; the instructions chip has none, since it cannot be removed or opened. */
  id?: string;
  kind: ContextChipKind;
  label: string;
  /** The workspace path or the sources, shown on hover. */
  title: string;
  /** Estimated tokens the item adds to every request; absent when it is not sent. */
  tokens?: number;
  /** Why the item is not sent, or what was left out of it (a restricted workspace's instructions file). */
  problem?: string;
}

export interface ContextView {
  conversationId: string;
  chips: ContextChipView[];
  /** Instructions, chips and the history as the next request would carry them, without the text being typed. */
  baseTokens: number;
  windowTokens: number;
}
