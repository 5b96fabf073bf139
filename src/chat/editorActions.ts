// What a chat controller asks of the editor around it: the effects outside the chat, behind one port so the
// controller runs without VS Code.
import type { BackendInfo } from '../shared/protocol';
import type { PinnedSelection } from './contextItems';

/** Effects outside the chat that a controller asks the editor for. */
export interface EditorActions {
  copyText(text: string): Promise<void>;
  /** Inserts at the active editor's cursor, or tells the user there is no editor to insert into. */
  insertCode(code: string): Promise<void>;
  /**
   * Proposes the code as a diff against its target: the file `info` (the block's info string) or its first line
   * names, else the conversation's pinned `selection`, else the file in the editor.
   */
  applyCode(code: string, info: string, selection: PinnedSelection | undefined): Promise<void>;
  /** Called only with http(s) and mailto links. */
  openExternal(href: string): Promise<void>;
  showMarkdown(markdown: string): Promise<void>;
  selectModel(): Promise<void>;
  setApiKey(): Promise<void>;
  openSettings(): Promise<void>;
  showError(message: string): void;
  backend(): BackendInfo;
}
