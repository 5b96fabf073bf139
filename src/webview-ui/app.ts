// The chat view: applies host messages to the DOM, batches streamed text into one render per frame, follows the
// bottom of the conversation unless the user scrolled away, and turns user actions into messages for the host.
import type { HostToWebviewMessage, NotificationHandlers } from '../shared/messages';
import type { ChatMessageView, ChatState } from '../shared/protocol';
import type { WebviewState } from '../shared/webviewState';
import { h, uniqueId } from './dom';
import { acceptFileDrops } from './fileDrop';
import { type FrameBudget, type FrameClock, FrameLoop } from './frameLoop';
import type { HostChannel } from './host';
import type { MarkdownRenderer } from './markdown/render';
import { ReplyAnnouncer } from './view/announcer';
import { Composer } from './view/composer';
import { emptyState } from './view/emptyState';
import { Header } from './view/header';
import { HistoryPanel } from './view/history';
import { handleListClicks } from './listClicks';
import { BottomFollower } from './view/bottomFollower';
import { EAGER_MESSAGES, LazyReplies } from './view/lazyReplies';
import { MessageView } from './view/message';
import { MessageGroups } from './view/messageGroups';
import { createMessageList } from './view/messageList';
import { firstDifference, lastIndexWithRole, stateMessages, withHeldText } from './view/messageOrder';
import { PendingQuestions } from './view/pendingQuestion';
import { SetupCardPanel } from './view/setupCard';

/** The page's clock and frames (FrameClock), its host and its renderer. */
export interface AppEnvironment extends FrameClock {
  host: HostChannel;
  renderer: MarkdownRenderer;
  /** Runs `callback` once the next frame has painted. */
  afterPaint(callback: () => void): void;
}

export class ChatApp {
  private readonly header: Header;
  private readonly historyPanel: HistoryPanel;
  private readonly messageList: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly composer: Composer;
  private readonly setupCard: SetupCardPanel;
  private readonly announcer = new ReplyAnnouncer();
  private readonly pending = new PendingQuestions();
  private readonly views = new Map<string, MessageView>();
  private messages: ChatMessageView[] = [];
  private conversationId: string | undefined;
  private persisted: WebviewState;
  private readonly bottom: BottomFollower;
  private readonly frames: FrameLoop;
  private readonly dirty = new Set<MessageView>();
  private readonly lazy: LazyReplies;
  private readonly groups: MessageGroups;
  /** Where the last reply and the last question were at the last sync: their views' actions change with that. */
  private lastPlaces: number[] = [];
  /** A conversation picked in the history: the composer takes the focus once it shows. */
  private opening: string | undefined;
  /** The last state left out the conversation's start (`ChatState.earlier`), which the next brings. */
  private earlierPending = false;

  constructor(
    root: HTMLElement,
    private readonly env: AppEnvironment,
  ) {
    const post = env.host.post;
    this.persisted = env.host.loadState();
    this.historyPanel = new HistoryPanel(uniqueId('history'), post, (id) => (this.opening = id));
    this.header = new Header(post, this.historyPanel);
    this.emptyState = emptyState();
    this.messageList = createMessageList(this.emptyState);
    this.setupCard = new SetupCardPanel(post);
    this.composer = new Composer(
      {
        send: (text) => this.send(text),
        stop: () => post({ type: 'stop' }),
        draftChanged: (draft) => this.persist({ draft }),
      },
      post,
    );
    this.frames = new FrameLoop(env, (budget) => this.renderFrame(budget));
    this.lazy = new LazyReplies(this.messageList, (callback) => env.requestFrame(callback));
    this.bottom = new BottomFollower(this.messageList);
    this.messageList.append(this.bottom.anchor);
    this.groups = new MessageGroups(this.messageList, this.emptyState);
    const chat = h(
      'main',
      { class: 'chat' },
      this.header.element,
      this.historyPanel.element,
      this.messageList,
      this.setupCard.element,
      this.composer.element,
      this.announcer.element,
    );
    acceptFileDrops(chat, post);
    root.replaceChildren(chat);
    this.composer.setText(this.persisted.draft);

    handleListClicks(this.messageList, env.host);
    root.ownerDocument.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  private readonly handlers: NotificationHandlers = {
    state: ({ state }) => this.applyState(state),
    delta: ({ conversationId, messageId, text }) => {
      if (conversationId === this.conversationId) this.appendDelta(messageId, text, 'text');
    },
    reasoningDelta: ({ conversationId, messageId, text }) => {
      if (conversationId === this.conversationId) this.appendDelta(messageId, text, 'reasoning');
    },
    messageUpdated: ({ conversationId, message, textFrom }) => {
      if (conversationId !== this.conversationId) return;
      const whole = withHeldText(message, textFrom, this.views.get(message.id)?.current.text);
      if (whole) this.upsertMessage(whole);
      else this.env.host.post({ type: 'ready' });
    },
    history: ({ history }) => this.historyPanel.update(history, this.conversationId),
    contextView: ({ view }) => {
      if (view.conversationId === this.conversationId) this.composer.setContextView(view);
    },
    backend: ({ backend }) => this.header.setBackend(backend),
    focusInput: () => this.composer.focus(),
    setInput: ({ text }) => this.composer.edit(text),
    setupCard: ({ card }) => this.setupCard.update(card),
    reply: (reply) => this.env.host.settle(reply),
  };

  handle(message: HostToWebviewMessage): void {
    // Each handler takes its own message type; the table's keys are the types.
    (this.handlers[message.type] as (m: HostToWebviewMessage) => void)(message);
  }

  private applyState(state: ChatState): void {
    const shown = state.conversationId === this.conversationId;
    const streaming = stateMessages(this.messages, state, (id) => this.views.get(id)?.current.text);
    // Never expected: the view's state is not the host's, and it asks for the whole state, as a view shown anew does.
    if (!streaming) return this.env.host.post({ type: 'ready' });
    if (!shown) {
      this.views.clear();
      this.lazy.clear();
      this.groups.clear();
      this.bottom.resume();
    }
    this.conversationId = state.conversationId;
    this.persist({ conversationId: state.conversationId });
    this.header.setTitle(state.title);
    this.header.setBackend(state.backend);
    this.historyPanel.update(state.history, state.conversationId);
    this.messageList.removeAttribute('aria-busy');
    // The conversation's start, which its first state left out, is history too (and goes in groups before the others).
    if (!shown) this.announcer.reset(streaming);
    else if (this.earlierPending) this.announcer.seen(streaming);
    this.earlierPending = state.earlier !== undefined;
    const keep = new Set(streaming.map((m) => m.id));
    for (const id of this.views.keys()) if (!keep.has(id)) this.dropView(id);
    if (shown) this.groups.prepended(Math.max(0, streaming.indexOf(this.messages[0])));
    const unchanged = shown ? firstDifference(this.messages, streaming) : 0;
    this.messages = streaming;
    this.syncViews(unchanged);
    if (this.opening === state.conversationId) {
      this.opening = undefined;
      this.composer.focus();
    }
    // Asked for once this state has painted, so that the end of a long conversation shows first.
    if (this.earlierPending) this.env.afterPaint(() => this.showEarlier(state.conversationId));
  }

  private showEarlier(conversationId: string): void {
    if (!this.earlierPending || conversationId !== this.conversationId) return;
    this.env.host.post({ type: 'showEarlier', conversationId });
  }

  /** Shows the question at once (view/pendingQuestion.ts) and sends it; a refused one goes back into the composer. */
  private send(text: string): void {
    this.bottom.resume();
    const question = this.pending.create(text, Date.now());
    // Sent before the copy is shown: showing it lays out the list, and the question is on its way meanwhile.
    this.env.host.post({ type: 'send', text }, () => {
      this.removeMessage(question.id);
      this.composer.restore(text);
    });
    this.upsertMessage(question);
  }

  private removeMessage(id: string): void {
    const index = this.messages.findIndex((m) => m.id === id);
    if (index === -1) return;
    this.messages.splice(index, 1);
    this.dropView(id);
    this.syncViews(index);
  }

  private dropView(id: string): void {
    const view = this.views.get(id);
    if (!view) return;
    this.lazy.forget(view);
    this.dirty.delete(view);
    view.element.remove();
    this.views.delete(id);
  }

  private upsertMessage(message: ChatMessageView): void {
    const index = this.messages.findIndex((m) => m.id === message.id);
    if (index === -1) this.messages.push(message);
    else this.messages[index] = message;
    this.syncViews(index === -1 ? this.messages.length - 1 : index);
  }

  private appendDelta(messageId: string, text: string, kind: 'text' | 'reasoning'): void {
    let view = this.views.get(messageId);
    if (!view) {
      // The reply's first sign of life may be its first text or reasoning.
      this.upsertMessage({
        id: messageId,
        role: 'assistant',
        text: '',
        status: 'streaming',
        createdAt: this.env.now(),
      });
      view = this.views.get(messageId);
    }
    if (!view) return;
    if (kind === 'text') view.appendDelta(text);
    else view.appendReasoning(text);
    this.dirty.add(view);
    this.frames.schedule();
  }

  /**
   * Creates, orders and updates the message views to match `this.messages`: those from `changedFrom` on, and those
   * that are or were the last reply or question. The others are as the last sync left them, so a reply starting in
   * a conversation of thousands of messages touches a few views.
   */
  private syncViews(changedFrom: number): void {
    const followBefore = this.bottom.following;
    const busy = this.messages.some((m) => m.status === 'streaming');
    const lastAssistant = lastIndexWithRole(this.messages, 'assistant');
    const lastUser = lastIndexWithRole(this.messages, 'user');
    const from = Math.max(0, Math.min(changedFrom, lastAssistant, lastUser, ...this.lastPlaces));
    this.lastPlaces = [lastAssistant, lastUser];
    let previous: Element | null = from > 0 ? (this.views.get(this.messages[from - 1].id)?.element ?? null) : null;
    const eagerFrom = this.messages.length - EAGER_MESSAGES;
    for (let index = from; index < this.messages.length; index++) {
      const message = this.messages[index];
      let view = this.views.get(message.id);
      if (!view) {
        view = new MessageView(message, this.env.renderer, this.env.host.post);
        this.views.set(message.id, view);
      }
      view.update(message, {
        isLastAssistant: index === lastAssistant,
        isLastUser: index === lastUser,
        busy,
        defer: index < eagerFrom,
      });
      // A reply whose text only its view's body holds now (see MessageView) is kept as the view's copy without it.
      if (view.textReleased) this.messages[index] = view.current;
      // A settled reply whose rest the frames still render is announced once it shows whole.
      const shownView = view;
      if (!view.hasRenderPending) this.announcer.observe(message, () => shownView.visibleText);
      this.lazy.watch(view);
      this.groups.place(view.element, index, previous);
      if (view.hasRenderPending) this.dirty.add(view);
      else if (!view.isStreaming) this.dirty.delete(view);
      previous = view.element;
    }
    this.groups.trim(this.messages.length);
    this.emptyState.hidden = this.messages.length > 0;
    this.composer.setBusy(busy);
    if (followBefore) this.bottom.scrollToBottom();
    if (this.dirty.size > 0) this.frames.schedule();
  }

  /** Renders the views with streamed text within the frame's budget; true while some still have text to render. */
  private renderFrame(budget: FrameBudget): boolean {
    const views = [...this.dirty];
    this.dirty.clear();
    for (const view of views) {
      view.renderStreamFrame(budget);
      if (view.hasRenderPending) this.dirty.add(view);
      else if (!view.isStreaming) this.announcer.observe(view.current, () => view.visibleText);
    }
    return this.dirty.size > 0;
  }

  private onKeyDown(event: KeyboardEvent): void {
    this.frames.yieldToInput();
    if (event.key !== 'Escape') return;
    if (this.historyPanel.isOpen) {
      this.header.closeHistory();
      event.preventDefault();
    } else if (this.messages.some((m) => m.status === 'streaming')) {
      this.env.host.post({ type: 'stop' });
      event.preventDefault();
    }
  }

  private persist(change: Partial<WebviewState>): void {
    this.persisted = { ...this.persisted, ...change };
    this.env.host.saveState(this.persisted);
  }
}
