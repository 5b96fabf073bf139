// Which conversation a chat view (the panel, or the sidebar) showed last in this workspace, in a file of the extension's
// own. A restored view is given back the webview state VS Code stored for it, and in a browser that state can be older
// than the last one the webview saved, or missing (a reload can come before VS Code stored it), so a view is restored
// from this record first.
import type { ChatLog } from '../common/log';
import { readTextIfAny, writeAtomically } from '../chat/storeFiles';

/** The chat views that keep a record: the editor panel and the sidebar, each its own. */
export type RecordedView = 'panel' | 'sidebar';

export class ViewRecord {
  private last: string | undefined;
  /** Writes go one after another, so a later conversation is never overwritten by an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  /** `file`: where the record lives; `undefined` (no workspace) keeps none. */
  constructor(
    private readonly file: string | undefined,
    private readonly log: ChatLog,
  ) {}

  /** The view shows `conversationId` now. */
  shown(conversationId: string): void {
    const { file } = this;
    if (file === undefined || conversationId === this.last) return;
    this.last = conversationId;
    this.writing = this.writing
      .then(() => writeAtomically(file, JSON.stringify({ conversationId })))
      .catch((error: unknown) => this.log.warn(`Could not record the chat view's conversation: ${String(error)}`));
  }

  /**
   * The conversation a restored view shows: the one it showed last by this record, else `fromState`, the one named by
   * the webview state VS Code gave back (possibly older).
   */
  async restore(fromState: string | undefined): Promise<string | undefined> {
    return (await this.read()) ?? fromState;
  }

  /** The conversation the view showed last; `undefined` when there is no record or it does not read. */
  async read(): Promise<string | undefined> {
    if (this.file === undefined) return undefined;
    await this.writing;
    try {
      const text = await readTextIfAny(this.file);
      const value: unknown = text === undefined ? undefined : JSON.parse(text);
      const id = (value as { conversationId?: unknown } | undefined)?.conversationId;
      return typeof id === 'string' ? id : undefined;
    } catch (error) {
      this.log.warn(`Could not read the chat view's record: ${String(error)}`);
      return undefined;
    }
  }
}
