// One message in the conversation: role label, reasoning, body, error box or status notice, actions and reply details.
import type { WebviewToHostMessage } from '../../shared/messages';
import type { ChatMessageView } from '../../shared/protocol';
import { neutralizeControlChars } from '../controlChars';
import { h, icon, uniqueId } from '../dom';
import { FrameBudget } from '../frameLoop';
import { finalEnv, type MarkdownRenderer } from '../markdown/render';
import { TEST_IDS } from '../testids';
import { ReasoningView } from './reasoning';
import { t } from '../../shared/l10n';
import { MessageFooter } from './messageFooter';
import { positionKey, type MessagePosition } from './messagePosition';
import { StreamedBody } from './streamedBody';

export type Post = (message: WebviewToHostMessage) => void;

/**
 * Chrome takes seconds to wrap a run of thousands of characters without a space while kerning is on (it shapes the
 * run again at every candidate break), so a body holding such a run is shown without kerning.
 */
const LONG_RUN_LENGTH = 1000;
const LONG_RUN = new RegExp(`\\S{${LONG_RUN_LENGTH}}`);
const LONG_RUN_CLASS = 'long-runs';

export class MessageView {
  readonly element: HTMLElement;
  /** Made when the message first has reasoning: most have none, and a long conversation has thousands. */
  private reasoning: ReasoningView | undefined;
  private readonly body: HTMLElement;
  private readonly footer: MessageFooter;
  private message: ChatMessageView;
  private stream: StreamedBody | undefined;
  private renderedText: string | undefined;
  /** How much of the streaming text was already searched for a long run. */
  private longRunCheckedUpTo = 0;
  /** The body holds the plain source of a settled reply, waiting to be rendered. */
  private deferred = false;
  /** A settled reply before the last keeps its text only in the body, rendered or waiting: `message.text` is empty. */
  private released = false;
  /** What the last update showed, so an update with the same message at the same place does nothing. */
  private updated: { message: ChatMessageView; position: string } | undefined;

  constructor(
    message: ChatMessageView,
    private readonly renderer: MarkdownRenderer,
    post: Post,
  ) {
    this.message = message;
    const roleId = uniqueId('role');
    const isUser = message.role === 'user';
    this.body = h('div', {
      class: isUser ? 'message-body user-text' : 'message-body markdown',
      'data-testid': TEST_IDS.messageBody,
    });
    this.footer = new MessageFooter(post);
    this.element = h(
      'article',
      {
        class: `message message-${message.role}`,
        'data-testid': TEST_IDS.message,
        'data-role': message.role,
        'data-message-id': message.id,
        'aria-labelledby': roleId,
      },
      h(
        'div',
        { class: 'message-role', id: roleId },
        icon(isUser ? 'account' : 'sparkle'),
        isUser ? t('You') : 'Vitalentum',
      ),
      this.body,
      ...this.footer.elements,
    );
  }

  get id(): string {
    return this.message.id;
  }

  /** The reply's text as shown, for the screen reader announcement. */
  get visibleText(): string {
    return this.body.textContent ?? '';
  }

  /** The view renders in frames: its reply streams, or has settled and the frames still render the rest. */
  get isStreaming(): boolean {
    return this.stream !== undefined;
  }

  /** Stable blocks wait to be rendered, or the settled reply's rest: the view wants another frame. */
  get hasRenderPending(): boolean {
    return this.stream?.hasRenderPending ?? false;
  }

  /** The message as this view last received it. */
  get current(): ChatMessageView {
    return this.message;
  }

  /** Shows `message` (its authoritative form) at `position`. The body is re-rendered only when it changed. */
  update(message: ChatMessageView, position: MessagePosition): void {
    const at = positionKey(position);
    if (this.updated?.message === message && this.updated.position === at) return;
    this.updated = { message, position: at };
    // The view's own copy without the text (see `released`) comes back when only the position changed.
    const sameText = this.released && message === this.message;
    // Anything else is the host's new form of the message, with its text: the body shows it anew.
    if (!sameText) {
      this.released = false;
      this.showText(message, position);
    }
    const streaming = message.status === 'streaming';
    if (message.reasoning || this.reasoning) this.reasoningView().update(message.reasoning, streaming);
    this.showStatus();
    this.footer.update(message, position);
    if (message.role === 'assistant' && !streaming && !this.stream && !position.isLastAssistant) this.releaseText();
  }

  /** Shows the text of `message`, which replaces `this.message`: streaming, settling as it streamed, or whole. */
  private showText(message: ChatMessageView, position: MessagePosition): void {
    // What streamed, which the final text continues (its last deltas may not have been posted: it supersedes them).
    const streamed = this.stream && message.text.startsWith(this.message.text) ? this.message.text : undefined;
    const shown = this.renderedText;
    this.message = message;
    if (message.status === 'streaming' && message.role === 'assistant') {
      // A state mid-stream carries the reply so far, deltas the host had not posted yet included: the blocks shown
      // stay, and only that text is added (starting again cost a frame the whole reply, and its code lines flickered).
      if (streamed !== undefined) this.continueStream(message.text.slice(streamed.length));
      else if (!this.stream || shown !== message.text) this.startStream(message.text);
    } else if (streamed !== undefined && this.finishStream(message.text.slice(streamed.length))) {
      // Settles as it streamed, once the frames have rendered the rest.
    } else if (this.stream || shown !== message.text) {
      if (position.defer && message.role === 'assistant') this.showSource();
      else this.renderFinal(message.text);
    }
  }

  /**
   * Gives up the reply's text, which the body holds (rendered, or as the source waiting to be): a conversation of
   * thousands of replies keeps each once. The last reply keeps it, since Continue appends to it.
   */
  private releaseText(): void {
    if (this.released) return;
    this.released = true;
    this.message = { ...this.message, text: '' };
    this.renderedText = undefined;
    if (this.updated) this.updated = { ...this.updated, message: this.message };
  }

  /** The view gave up the reply's text, which its body holds: `current` is the message without it. */
  get textReleased(): boolean {
    return this.released;
  }

  get isDeferred(): boolean {
    return this.deferred;
  }

  /** Renders the markdown of a deferred reply; nothing when it is rendered already. */
  renderDeferred(): void {
    // A released reply's source is the body's text (neutralized already, which neutralizing again keeps as it is).
    if (this.deferred) this.renderFinal(this.released ? (this.body.textContent ?? '') : this.message.text);
  }

  appendDelta(text: string): void {
    if (!this.stream) this.startStream(this.message.text);
    this.message = { ...this.message, text: this.message.text + text };
    this.stream?.append(text);
  }

  appendReasoning(text: string): void {
    const reasoning = this.message.reasoning;
    this.message = { ...this.message, reasoning: { ...reasoning, text: (reasoning?.text ?? '') + text } };
    this.reasoningView().append(text);
  }

  /**
   * Renders what arrived since the last frame: the reasoning, then newly stable blocks once and the growing tail.
   * Stable blocks are rendered a step at a time within the frame's budget, at least one step; the rest waits for the
   * next frame.
   */
  renderStreamFrame(budget: FrameBudget): void {
    this.reasoning?.renderFrame();
    if (this.stream && (this.stream.hasRenderPending || this.renderedText !== this.message.text)) {
      this.renderStreamText(budget);
    }
  }

  /** The status the view shows: a settled reply whose text is still being rendered shows as streaming until then. */
  private reasoningView(): ReasoningView {
    if (!this.reasoning) {
      this.reasoning = new ReasoningView();
      this.body.before(this.reasoning.element);
      // Labelled for the message's state; the text comes with the update or append that needed the view.
      this.reasoning.update({ text: '' }, this.message.status === 'streaming');
    }
    return this.reasoning;
  }

  private showStatus(): void {
    const status = this.stream ? 'streaming' : this.message.status;
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
  }

  private renderStreamText(budget: FrameBudget): void {
    if (!this.stream) return;
    const ended = this.stream.render(budget, (change) => this.keepingFocus(change));
    this.renderedText = this.message.text;
    this.markLongRuns();
    if (!ended) return;
    this.stream = undefined;
    this.showStatus();
  }

  /** Searches only the text that arrived since the last check, plus enough before it to catch a run across it. */
  private markLongRuns(): void {
    const text = this.message.text;
    if (!this.body.classList.contains(LONG_RUN_CLASS)) {
      const from = Math.max(0, this.longRunCheckedUpTo - LONG_RUN_LENGTH);
      this.body.classList.toggle(LONG_RUN_CLASS, LONG_RUN.test(text.slice(from)));
    }
    this.longRunCheckedUpTo = text.length;
  }

  private startStream(text: string): void {
    this.stream = new StreamedBody(this.renderer, this.body, text);
    this.body.classList.remove(LONG_RUN_CLASS);
    this.longRunCheckedUpTo = 0;
    // One step now, so the reply shows at once; the frames render the rest of a long text.
    this.renderStreamText(FrameBudget.oneStep());
  }

  /** Adds `unsent` to the streaming reply, and renders a step of it now, as a delta's frame would. */
  private continueStream(unsent: string): void {
    if (unsent === '') return;
    this.stream?.append(unsent);
    this.renderStreamText(FrameBudget.oneStep());
  }

  /**
   * A reply that settled with the text it streamed keeps the blocks it rendered, and the frames render the rest; false
   * when it must render whole.
   */
  private finishStream(unsent: string): boolean {
    if (!this.stream?.settle(unsent)) return false;
    this.renderStreamText(FrameBudget.oneStep());
    return true;
  }

  private showSource(): void {
    this.stream = undefined;
    this.deferred = true;
    this.body.classList.add('deferred');
    this.body.textContent = neutralizeControlChars(this.message.text);
    this.renderedText = this.message.text;
  }

  private renderFinal(source: string): void {
    this.stream = undefined;
    this.deferred = false;
    this.body.classList.remove('deferred');
    const text = neutralizeControlChars(source);
    if (this.message.role === 'user') {
      this.body.textContent = text;
    } else {
      const html = this.renderer.render(text, finalEnv());
      this.keepingFocus(() => (this.body.innerHTML = html));
      this.renderer.highlightLater(this.body);
    }
    this.body.classList.toggle(LONG_RUN_CLASS, LONG_RUN.test(text));
    if (!this.released) this.renderedText = source;
  }

  /**
   * Runs `render`, which replaces the body's markup; a keyboard user on one of its buttons (a code block's Copy, say)
   * stays on the button in the same place instead of being dropped to the top of the page.
   */
  private keepingFocus(render: () => void): void {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.body.contains(active)) {
      render();
      return;
    }
    const focusable = () => [...this.body.querySelectorAll<HTMLElement>('button, a[href], [tabindex]')];
    const index = focusable().indexOf(active);
    render();
    if (!this.body.contains(document.activeElement)) focusable()[index]?.focus();
  }
}
