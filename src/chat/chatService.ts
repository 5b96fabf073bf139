// The chat's single owner of conversations and streams, shared by the panel and the sidebar. It turns user actions
// into requests, keeps every received chunk in the conversation, persists, and reports changes as events that
// each view's controller forwards to its webview.
import { canContinue, type ChatMessageView, type ConversationSummary } from '../shared/protocol';
import {
  addReply,
  addUserMessage,
  appendReasoning,
  lastMessage,
  removeLastExchange,
  removeTrailingReply,
  settleReply,
  toPromptMessages,
  type Conversation,
  type PromptMessage,
} from './conversation';
import type { ConversationStore, WatchStorage } from './conversationStore';
import { ConversationSync } from './conversationSync';
import { toDisposable, type Disposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';
import { LoopTurns } from './loopTurns';
import { PartialSaves } from './partialSaves';
import { CONTINUE_PROMPT } from './prompts';
import { addMeasurement, describePrompt, describeRequest, ReplyRecorder } from './replyRecorder';
import type { StreamChat } from './replyStream';
import { presentError } from './errorPresenter';
import { describeContext, preparePrompt, type PromptSources } from './promptPreparation';
import { markFitted } from './promptCut';
import type { ChatEvent, PinnedContext } from './serviceEvents';

export interface ChatServiceDeps extends PromptSources {
  store: ConversationStore;
  /** Reports changes in the store's folder, so what other windows save shows up live; absent, it shows on save. */
  watchStorage?: WatchStorage;
  log: ChatLog;
  streamChat: StreamChat;
  /** Tells the user about a problem that is not part of a reply (a conversation that could not be saved). */
  notify: (message: string) => void;
  now?: () => number;
}

interface ActiveReply {
  conversationId: string;
  /** The message the reply streams into; it stays registered until saved, after its status has settled. */
  reply: ChatMessageView;
  controller: AbortController;
  stoppedByUser: boolean;
  done: Promise<void>;
}

export class ChatService implements Disposable {
  private readonly active = new Map<string, ActiveReply>();
  private readonly listeners = new Set<(event: ChatEvent) => void>();
  private readonly now: () => number;
  private readonly held: ConversationSync;

  constructor(private readonly deps: ChatServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.held = new ConversationSync({
      store: deps.store,
      log: deps.log,
      notify: deps.notify,
      watchStorage: deps.watchStorage,
      now: this.now,
      emit: (event) => this.emit(event),
      deletedElsewhere: (id) => void this.stop(id),
    });
  }

  onEvent(listener: (event: ChatEvent) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** A fresh conversation; stored only once the user sends something in it. */
  newConversation(): Conversation {
    return this.held.create();
  }

  /** The conversation with this id, from memory or the store; a fresh one when it does not exist (any more). */
  open(id: string | undefined): Promise<Conversation> {
    return this.held.open(id);
  }

  history(): Promise<ConversationSummary[]> {
    return this.held.history();
  }

  streamingMessageId(conversationId: string): string | undefined {
    const reply = this.active.get(conversationId)?.reply;
    // A settled reply is still registered while it is being saved; a view rebuilt then must not show it streaming.
    return reply?.status === 'streaming' ? reply.id : undefined;
  }

  get isStreaming(): boolean {
    return this.active.size > 0;
  }

  /** Adds the user's message and streams a reply. A reply still arriving in this conversation is stopped first. */
  async send(conversationId: string, text: string): Promise<void> {
    const conversation = await this.open(conversationId);
    await this.stop(conversation.id);
    const question = addUserMessage(conversation, text, this.now());
    // Saved before any reply arrives (writes stay in order), and beside the file rather than rewriting it.
    void this.held.saveLatest(conversation, question);
    this.emit({ type: 'historyChanged' });
    await this.startReply(conversation);
  }

  /** Replaces the last reply (failed or not) with a new answer to the same user message. */
  async replyAgain(conversationId: string): Promise<void> {
    const conversation = await this.open(conversationId);
    await this.stop(conversation.id);
    const messages = conversation.messages;
    const last = lastMessage(conversation);
    const question = last?.role === 'assistant' ? messages[messages.length - 2] : last;
    if (question?.role !== 'user') {
      this.deps.log.info('Nothing to answer again: the conversation does not end with a question.');
      return;
    }
    removeTrailingReply(conversation);
    await this.startReply(conversation);
  }

  /** Asks the model to go on from where the last reply stopped, appending to that same reply. */
  async continueReply(conversationId: string): Promise<void> {
    const conversation = await this.open(conversationId);
    await this.stop(conversation.id);
    const reply = lastMessage(conversation);
    if (reply?.role !== 'assistant' || !canContinue(reply)) {
      this.deps.log.info('Nothing to continue: the last reply is complete.');
      return;
    }
    // A reply that failed before its first word has nothing to go on from; the question is answered again instead.
    if (reply.text === '') return this.replyAgain(conversation.id);
    const history = [...toPromptMessages(conversation.messages), { role: 'user' as const, content: CONTINUE_PROMPT }];
    reply.status = 'streaming';
    delete reply.error;
    await this.stream(conversation, reply, history);
  }

  /** Removes the last user message and its reply and returns the message's text for editing. */
  async takeLastForEditing(conversationId: string): Promise<string | undefined> {
    const conversation = await this.open(conversationId);
    await this.stop(conversation.id);
    const text = removeLastExchange(conversation, this.now());
    if (text === undefined) return undefined;
    await this.held.save(conversation);
    this.emit({ type: 'conversationChanged', conversationId: conversation.id });
    this.emit({ type: 'historyChanged' });
    return text;
  }

  /** Changes the context pinned to the conversation and saves it, so it is still there after a reload. */
  async changeContext(conversationId: string, change: (items: PinnedContext) => PinnedContext): Promise<void> {
    const conversation = await this.open(conversationId);
    conversation.context = change(conversation.context ?? []);
    await this.held.save(conversation);
    this.emit({ type: 'contextChanged', conversationId: conversation.id });
  }

  /** The chips and the meter's figures for the conversation, read now. */
  contextView(conversation: Conversation): ReturnType<typeof describeContext> {
    return describeContext(this.deps, conversation);
  }

  /** Stops the reply streaming in this conversation, if any, and waits until it is kept and saved. */
  async stop(conversationId: string): Promise<void> {
    const reply = this.active.get(conversationId);
    if (!reply) return;
    reply.stoppedByUser = true;
    reply.controller.abort();
    await reply.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.stop(id)));
  }

  async delete(conversationId: string): Promise<void> {
    await this.stop(conversationId);
    await this.held.delete(conversationId);
    this.emit({ type: 'conversationDeleted', conversationId });
    this.emit({ type: 'historyChanged' });
  }

  dispose(): void {
    this.held.dispose();
    for (const reply of this.active.values()) {
      reply.stoppedByUser = true;
      reply.controller.abort();
    }
    this.listeners.clear();
  }

  private async startReply(conversation: Conversation): Promise<void> {
    const history = toPromptMessages(conversation.messages);
    const reply = addReply(conversation, this.now());
    await this.stream(conversation, reply, history);
  }

  /** Streams a reply to `history` (the conversation as the model sees it, not yet fitted to its window). */
  private async stream(conversation: Conversation, reply: ChatMessageView, history: PromptMessage[]): Promise<void> {
    let finish!: () => void;
    const active: ActiveReply = {
      conversationId: conversation.id,
      reply,
      controller: new AbortController(),
      stoppedByUser: false,
      done: new Promise<void>((resolve) => (finish = resolve)),
    };
    this.active.set(conversation.id, active);
    if (this.active.size === 1) this.emit({ type: 'streamingChanged', streaming: true });
    // Emitted once the reply is registered, so a view rebuilding its state sees which message is streaming.
    this.emit({ type: 'conversationChanged', conversationId: conversation.id });
    try {
      await this.receive(conversation, reply, history, active);
    } finally {
      this.active.delete(conversation.id);
      if (this.active.size === 0) this.emit({ type: 'streamingChanged', streaming: false });
      finish();
    }
  }

  private async receive(
    conversation: Conversation,
    reply: ChatMessageView,
    history: PromptMessage[],
    active: ActiveReply,
  ): Promise<void> {
    const prepared = await preparePrompt(this.deps, history, conversation.context);
    if (!prepared.ready) {
      // The question stays in the conversation, so nothing the user typed is lost; the reply says why it was not sent.
      settleReply(conversation, reply, this.now(), 'error', prepared.problem);
      this.deps.log.warn(`Request not sent: ${prepared.problem.message}`);
      return this.publish(conversation, reply);
    }
    const { request, messages: prompt, dropped, promptTokens } = prepared;
    markFitted(reply, dropped);
    const recorder = new ReplyRecorder(this.now);
    const saves = new PartialSaves(this.now);
    let outcome: string;
    this.deps.log.trace(describePrompt(prompt));
    try {
      const stream = this.deps.streamChat(prompt, {
        ...request,
        signal: active.controller.signal,
        onWarning: (warning) => this.deps.log.warn(`${warning.message} Line: ${warning.line.slice(0, 200)}`),
        onReasoning: (text) => {
          if (active.stoppedByUser || text === '') return;
          const added = appendReasoning(reply, text, recorder.recordReasoning());
          this.emit({ type: 'reasoningDelta', conversationId: conversation.id, messageId: reply.id, text: added });
          if (saves.due()) void this.held.saveLatest(conversation, reply);
        },
      });
      const turns = new LoopTurns();
      for await (const chunk of stream) {
        if (active.stoppedByUser) break;
        recorder.record(chunk);
        reply.text += chunk;
        this.emit({ type: 'delta', conversationId: conversation.id, messageId: reply.id, text: chunk });
        if (saves.due()) void this.held.saveLatest(conversation, reply);
        await turns.pass();
      }
      const status = active.stoppedByUser ? 'stopped' : stream.endReason === 'done' ? 'complete' : 'incomplete';
      if (!active.stoppedByUser) recorder.ended({ finishReason: stream.finishReason, usage: stream.usage });
      outcome = status;
      settleReply(conversation, reply, this.now(), status);
    } catch (error) {
      if (active.stoppedByUser) {
        outcome = 'stopped';
        settleReply(conversation, reply, this.now(), 'stopped');
      } else {
        const replyError = presentError(error);
        outcome = `error ${replyError.kind}${replyError.detail ? ` (${replyError.detail.replace(/\s+/g, ' ')})` : ''}`;
        settleReply(conversation, reply, this.now(), 'error', replyError);
      }
    }
    const measured = recorder.finish();
    addMeasurement(reply, request, measured, promptTokens);
    this.deps.log.info(describeRequest(request, prompt.length, outcome, measured));
    this.deps.log.trace(`Reply:\n${reply.text}`);
    await this.publish(conversation, reply);
  }

  /** Shows the settled reply in every view and saves it; the history then shows the conversation's new time. */
  private async publish(conversation: Conversation, reply: ChatMessageView): Promise<void> {
    this.emit({ type: 'messageUpdated', conversationId: conversation.id, message: { ...reply } });
    await this.held.saveSettled(conversation);
    this.emit({ type: 'historyChanged' });
  }

  private emit(event: ChatEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
