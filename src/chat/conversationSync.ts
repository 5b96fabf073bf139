// The conversations this window holds, kept in step with the store and so with the other windows: a save takes in
// what they wrote meanwhile, and a change reported in the store's folder reloads the conversation it concerns.
import type { ChatMessageView, ConversationSummary } from '../shared/protocol';
import { createConversation, type Conversation } from './conversation';
import type { ChatEvent } from './serviceEvents';
import { conversationIdOfFile, type ConversationStore, type SyncOutcome, type WatchStorage } from './conversationStore';
import type { Disposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';
import { t } from '../shared/l10n';
import { describeError } from '../shared/errorText';

export interface ConversationSyncDeps {
  store: ConversationStore;
  log: ChatLog;
  /** Tells the user about a conversation that could not be saved. */
  notify: (message: string) => void;
  now: () => number;
  emit: (event: ChatEvent) => void;
  /** Another window deleted the conversation: a reply still arriving in this one has nowhere to go. */
  deletedElsewhere: (conversationId: string) => void;
  watchStorage?: WatchStorage;
}

export class ConversationSync implements Disposable {
  private readonly conversations = new Map<string, Conversation>();
  private readonly watcher: Disposable | undefined;

  constructor(private readonly deps: ConversationSyncDeps) {
    this.watcher = deps.watchStorage?.((fileName) => {
      this.storageChanged(fileName).catch((error: unknown) => {
        deps.log.warn(`Could not take in a change to the chat history: ${describeError(error)}`);
      });
    });
  }

  /** A fresh conversation; stored only once it is saved. */
  create(): Conversation {
    const conversation = createConversation(this.deps.now());
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation with this id, from memory or the store; a fresh one when it does not exist (any more). */
  async open(id: string | undefined): Promise<Conversation> {
    if (id !== undefined) {
      const known = this.conversations.get(id);
      if (known) return known;
      const stored = await this.deps.store.load(id);
      if (stored) {
        // Another call may have loaded it meanwhile; both callers must share one object.
        const raced = this.conversations.get(id);
        if (raced) return raced;
        this.conversations.set(id, stored);
        return stored;
      }
    }
    return this.create();
  }

  history(): Promise<ConversationSummary[]> {
    return this.deps.store.list();
  }

  /** Saves; a failure is logged and told to the user, since nothing else would show it. */
  save(conversation: Conversation): Promise<void> {
    return this.saving(conversation, () => this.deps.store.save(conversation));
  }

  /** Saves a conversation whose latest reply just settled (a long one is not rewritten for it); as `save` otherwise. */
  saveSettled(conversation: Conversation): Promise<void> {
    if (!this.deps.store.holds(conversation.id)) return this.save(conversation);
    return this.saving(conversation, () => this.deps.store.saveSettled(conversation));
  }

  private async saving(conversation: Conversation, save: () => Promise<SyncOutcome>): Promise<void> {
    try {
      this.synced(conversation, await save());
    } catch (error) {
      const detail = describeError(error);
      this.deps.log.error(`Could not save conversation ${conversation.id}: ${detail}`);
      this.deps.notify(t('Vitalentum could not save the conversation "{0}": {1}', conversation.title, detail));
    }
  }

  /**
   * Saves the latest messages of a stored conversation on their own (the question, the reply streaming in), or the
   * whole conversation when it is not stored yet; a failure is handled as a save's is.
   */
  async saveLatest(conversation: Conversation, latest: ChatMessageView): Promise<void> {
    if (!this.deps.store.holds(conversation.id)) return this.save(conversation);
    try {
      await this.deps.store.saveLatest(conversation, latest);
    } catch (error) {
      const detail = describeError(error);
      this.deps.log.error(`Could not save conversation ${conversation.id}: ${detail}`);
      this.deps.notify(`Vitalentum could not save the conversation "${conversation.title}": ${detail}`);
    }
  }

  async delete(conversationId: string): Promise<void> {
    this.conversations.delete(conversationId);
    await this.deps.store.delete(conversationId);
  }

  dispose(): void {
    this.watcher?.dispose();
  }

  /** Takes in a change to the store's folder: an open conversation's file, or (any other file) the history. */
  private async storageChanged(fileName: string | undefined): Promise<void> {
    const id = fileName === undefined ? undefined : conversationIdOfFile(fileName);
    const ids = fileName === undefined ? [...this.conversations.keys()] : id === undefined ? [] : [id];
    for (const conversation of ids.map((key) => this.conversations.get(key))) {
      if (conversation) this.synced(conversation, await this.deps.store.refresh(conversation));
    }
    if (id === undefined && (await this.deps.store.historyChanged())) this.deps.emit({ type: 'historyChanged' });
  }

  /** Shows the views what a sync took in from other windows: their messages, or the conversation's deletion. */
  private synced(conversation: Conversation, outcome: SyncOutcome): void {
    const { id } = conversation;
    if (outcome === 'current' || this.conversations.get(id) !== conversation) return;
    if (outcome === 'deleted') {
      this.conversations.delete(id);
      this.deps.deletedElsewhere(id);
      this.deps.emit({ type: 'conversationDeleted', conversationId: id });
    } else {
      this.deps.emit({ type: 'conversationChanged', conversationId: id });
    }
    this.deps.emit({ type: 'historyChanged' });
  }
}
