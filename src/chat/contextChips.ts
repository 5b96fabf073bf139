// The context chips of one chat view: adding (from the Add Context picker or a command), removing and opening the
// items pinned to the conversation it shows, and keeping the chips and the meter on screen current.
import type { HostToWebviewMessage } from '../shared/messages';
import { DisposableBase } from '../common/lifecycle';
import type { ChatService } from './chatService';
import { addContextItems, type ContextItem, type NewContextItem } from './contextItems';
import type { Conversation } from './conversation';

/** What adding and opening context asks of the editor around the chat. */
export interface ContextActions {
  /** The Add Context picker: what the user chose, nothing when they cancelled. */
  pick(): Promise<NewContextItem[]>;
  /** Shows the item's file (a selection's lines selected). */
  open(item: ContextItem): Promise<void>;
  /** The files among dropped URIs (folders and what is not a URI are left out, and the user is told). */
  dropped(uris: readonly string[]): Promise<NewContextItem[]>;
}

export class ContextChips extends DisposableBase {
  private readonly service: ChatService;
  private readonly actions: ContextActions | undefined;

  constructor(
    options: { service: ChatService; context?: ContextActions },
    private readonly current: () => Promise<Conversation>,
    private readonly post: (message: HostToWebviewMessage) => void,
  ) {
    super();
    const service = (this.service = options.service);
    this.actions = options.context;
    this._register(
      service.onEvent((event) => {
        // A reply changes the meter's history figure; a change to the context, its chips.
        if (event.type === 'contextChanged' || event.type === 'messageUpdated') void this.refresh(event.conversationId);
      }),
    );
  }

  async add(items: readonly NewContextItem[]): Promise<void> {
    if (items.length === 0) return;
    const { id } = await this.current();
    await this.service.changeContext(id, (pinned) => addContextItems(pinned, items));
  }

  async pick(): Promise<void> {
    await this.add((await this.actions?.pick()) ?? []);
  }

  async drop(uris: readonly string[]): Promise<void> {
    await this.add((await this.actions?.dropped(uris)) ?? []);
  }

  async remove(itemId: string): Promise<void> {
    const { id } = await this.current();
    await this.service.changeContext(id, (pinned) => pinned.filter((item) => item.id !== itemId));
  }

  async open(itemId: string): Promise<void> {
    const item = (await this.current()).context?.find((pinned) => pinned.id === itemId);
    if (item) await this.actions?.open(item);
  }

  /** Reads the chips and the meter's figures afresh and shows them, when `conversationId` is still on screen. */
  async refresh(conversationId?: string): Promise<void> {
    const conversation = await this.current();
    if (conversationId !== undefined && conversationId !== conversation.id) return;
    const view = await this.service.contextView(conversation);
    if (!view || this.isDisposed || view.conversationId !== (await this.current()).id) return;
    this.post({ type: 'contextView', view });
  }
}
