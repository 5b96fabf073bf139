// One per chat webview (the panel, the sidebar view). Validates what the webview sends, turns it into chat actions,
// and keeps the webview in step: the full state after `ready`, then coalesced deltas and final messages for the
// conversation it shows.
import { isOpenableLink } from '../shared/links';
import {
  parseWebviewMessage,
  requestIdOf,
  type HostToWebviewMessage,
  type RequestHandlers,
  type WebviewToHostMessage,
} from '../shared/messages';
import type { ChatState } from '../shared/protocol';
import type { Conversation } from './conversation';
import type { ChatService } from './chatService';
import type { ChatEvent } from './serviceEvents';
import { DisposableBase, toDisposable } from '../common/lifecycle';
import { describeValue, type ChatLog } from '../common/log';
import type { EditorActions } from './editorActions';
import type { ChatControllerOptions } from './chatControllerOptions';
import { conversationToMarkdown } from './markdownExport';
import { ReplyDeltas } from './replyDeltas';
import { ContextChips } from './contextChips';
import { latestSelection, type NewContextItem } from './contextItems';
import { t } from '../shared/l10n';
import { ShownMessages } from './shownMessages';
import { EarlierPages } from './earlierPages';

export class ChatController extends DisposableBase {
  private readonly service: ChatService;
  private readonly actions: EditorActions;
  private readonly log: ChatLog;
  private readonly post: (message: HostToWebviewMessage) => void;
  private readonly deltas: ReplyDeltas;
  private readonly chips: ContextChips;
  private readonly shown = new ShownMessages();
  private readonly earlier = new EarlierPages(this.shown, () => this.postState());
  private current: Promise<Conversation>;
  private currentId: string | undefined;
  private ready = false;
  private focusWhenReady = false;
  /** Increases with every state rebuild, so a slower earlier rebuild never overwrites a later one. */
  private stateVersion = 0;

  constructor(private readonly options: ChatControllerOptions) {
    super();
    this.service = options.service;
    this.actions = options.actions;
    this.log = options.log;
    this.post = (message) => {
      if (this.ready && !this.isDisposed) options.post(message);
    };
    this.deltas = this._register(
      new ReplyDeltas((type, messageId, text) => {
        if (!this.currentId) return;
        if (type === 'delta') this.shown.appended(messageId, text);
        this.post({ type, conversationId: this.currentId, messageId, text });
      }, options.scheduler),
    );
    this.current = this.show(options.conversationId);
    this.chips = this._register(new ContextChips(options, () => this.current, this.post));
    this._register(options.service.onEvent((event) => this.onChatEvent(event)));
    this._register(toDisposable(() => (this.ready = false)));
  }

  /** The id of the conversation on screen, once it is known. */
  get conversationId(): string | undefined {
    return this.currentId;
  }

  /**
   * Entry point for everything the webview posts. A well-formed request is carried out and answered under its id;
   * a malformed one is logged and, when it asked for a reply, refused.
   */
  handleMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the chat view: ${describeValue(raw)}`);
      const requestId = requestIdOf(raw);
      if (requestId !== undefined) this.reply(requestId, 'The message was malformed.');
      return Promise.resolve();
    }
    this.options.onActivity?.();
    const { type, requestId } = message;
    const handler = this.handlers[type] as (request: WebviewToHostMessage) => Promise<void> | void;
    return Promise.resolve()
      .then(() => handler(message))
      .then(
        () => this.reply(requestId),
        (error: unknown) => {
          const detail = error instanceof Error ? error.message : String(error);
          this.log.error(`Handling "${type}" failed: ${detail}`);
          this.actions.showError(t('Vitalentum: {0}', detail));
          this.reply(requestId, detail);
        },
      );
  }

  private reply(requestId: number | undefined, error?: string): void {
    if (requestId === undefined || this.isDisposed) return;
    this.options.post({ type: 'reply', requestId, ...(error === undefined ? {} : { error }) });
  }

  /** The webview went away (hidden without retained context, or reloading): it will send `ready` again. */
  webviewLost(): void {
    this.ready = false;
    this.deltas.discard();
    this.shown.forget();
  }

  focusInput(): void {
    if (this.ready) this.post({ type: 'focusInput' });
    else this.focusWhenReady = true;
  }

  /** Pins files, a selection or problems to the conversation on screen. */
  addContext(items: readonly NewContextItem[]): Promise<void> {
    return this.chips.add(items);
  }

  /** Sends a prompt as if the user had typed it. */
  async ask(text: string): Promise<void> {
    const conversation = await this.current;
    await this.service.send(conversation.id, text);
  }

  async newChat(): Promise<void> {
    const conversation = await this.current;
    // An empty conversation is already new; starting another would only leave it behind.
    if (conversation.messages.length === 0) {
      this.focusInput();
      return;
    }
    this.current = this.show(this.service.newConversation().id);
    await this.postState();
    this.focusInput();
  }

  async stop(): Promise<void> {
    const conversation = await this.current;
    await this.service.stop(conversation.id);
  }

  isStreaming(): boolean {
    return this.currentId !== undefined && this.service.streamingMessageId(this.currentId) !== undefined;
  }

  async exportMarkdown(): Promise<void> {
    const conversation = await this.current;
    if (conversation.messages.length === 0) {
      this.actions.showError(t('Vitalentum: the chat is empty; there is nothing to export.'));
      return;
    }
    await this.actions.showMarkdown(conversationToMarkdown(conversation, this.options.exportProvenance?.()));
  }

  private async show(id: string | Promise<string | undefined> | undefined): Promise<Conversation> {
    this.deltas.discard();
    const conversation = await this.service.open(await id);
    this.currentId = conversation.id;
    return conversation;
  }

  private readonly handlers: RequestHandlers = {
    ready: async () => {
      this.ready = true;
      this.shown.forget();
      await this.postState();
      this.postSetupCard();
      if (this.focusWhenReady) {
        this.focusWhenReady = false;
        this.post({ type: 'focusInput' });
      }
    },
    send: ({ text }) => this.ask(text),
    stop: () => this.stop(),
    newChat: () => this.newChat(),
    retry: async () => this.service.replyAgain((await this.current).id),
    regenerate: async () => this.service.replyAgain((await this.current).id),
    continue: async () => this.service.continueReply((await this.current).id),
    editLast: async () => {
      const text = await this.service.takeLastForEditing((await this.current).id);
      if (text !== undefined) this.post({ type: 'setInput', text });
    },
    openConversation: ({ id }) => {
      this.current = this.show(id);
      return this.postState();
    },
    showEarlier: ({ conversationId }) => this.earlier.post(conversationId),
    deleteConversation: ({ id }) => this.service.delete(id),
    copyCode: ({ code }) => this.actions.copyText(code),
    insertCode: ({ code }) => this.actions.insertCode(code),
    applyCode: async ({ code, info }) =>
      this.actions.applyCode(code, info, latestSelection((await this.current).context)),
    openLink: ({ href }) => {
      if (isOpenableLink(href)) return this.actions.openExternal(href);
      this.log.warn(`Refused to open a link that is not http(s) or mailto: ${href.slice(0, 200)}`);
    },
    addContext: () => this.chips.pick(),
    removeContext: ({ id }) => this.chips.remove(id),
    dropFiles: ({ uris }) => this.chips.drop(uris),
    openContext: ({ id }) => this.chips.open(id),
    export: () => this.exportMarkdown(),
    selectModel: () => this.actions.selectModel(),
    useLocalServer: async ({ baseUrl, model }) => {
      await this.options.setupCard?.useServer(baseUrl, model);
      this.focusInput();
    },
    useCustomUrl: () => this.options.setupCard?.useCustomUrl(),
    keepVitalentum: () => this.options.setupCard?.keepVitalentum(),
    reportProblem: ({ message }) => this.log.warn(`The chat view: ${message}`),
    findServers: () => this.options.setupCard?.findServers(),
    errorAction: async ({ action }) => {
      if (action === 'retry') return this.service.replyAgain((await this.current).id);
      return action === 'setApiKey' ? this.actions.setApiKey() : this.actions.openSettings();
    },
  };

  private onChatEvent(event: ChatEvent): void {
    switch (event.type) {
      case 'delta':
      case 'reasoningDelta':
        if (event.conversationId !== this.currentId || !this.ready) return;
        this.deltas.push(event.type, event.messageId, event.text);
        return;
      case 'messageUpdated':
        if (event.conversationId !== this.currentId) return;
        // The final text supersedes whatever was still gathered for this reply.
        this.deltas.discard(event.message.id);
        this.post({
          type: 'messageUpdated',
          conversationId: event.conversationId,
          ...this.shown.updated(event.conversationId, event.message),
        });
        return;
      case 'conversationChanged':
        if (event.conversationId === this.currentId) void this.postState();
        return;
      case 'conversationDeleted':
        if (event.conversationId !== this.currentId) return;
        this.current = this.show(undefined);
        void this.postState();
        return;
      case 'historyChanged':
        if (this.ready) void this.postHistory();
        return;
      case 'streamingChanged':
      case 'contextChanged':
        return;
    }
  }

  private async postHistory(): Promise<void> {
    try {
      this.post({ type: 'history', history: await this.service.history() });
    } catch (error) {
      this.log.error(`Could not read the chat history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Sends the state: whole after `ready` or when the conversation changes, else only the messages that changed. Deltas
   * gathered before it are dropped because the state holds their text (a reply that grew since the last state changed).
   */
  async postState(): Promise<void> {
    if (!this.ready) return;
    const version = ++this.stateVersion;
    const conversation = await this.current;
    let history: ChatState['history'] = [];
    try {
      history = await this.service.history();
    } catch (error) {
      this.log.error(`Could not read the chat history: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (version !== this.stateVersion || this.isDisposed) return;
    const streamingId = this.service.streamingMessageId(conversation.id);
    const state: ChatState = {
      conversationId: conversation.id,
      title: conversation.title,
      ...this.shown.take(conversation.id, conversation.messages),
      ...(streamingId ? { streamingId } : {}),
      history,
      backend: this.actions.backend(),
    };
    this.deltas.discard();
    this.post({ type: 'state', state });
    void this.chips.refresh();
  }

  /** Shows the setup card as it is now, or hides it. */
  postSetupCard(): void {
    if (!this.options.setupCard) return;
    const card = this.options.setupCard.view();
    this.post({ type: 'setupCard', ...(card ? { card } : {}) });
  }

  /** Tells the webview the backend changed (settings or a newly selected model). */
  postBackend(): void {
    this.post({ type: 'backend', backend: this.actions.backend() });
  }
}
