// One message in the conversation: role label, reasoning, body, error box or status notice, actions and reply details.
import type { WebviewToHostMessage } from '../../shared/messages';
import type { ChatMessageView, ReplyError } from '../../shared/protocol';
import { neutralizeControlChars } from '../controlChars';
import { disclosure, h, icon, uniqueId } from '../dom';
import { droppedNotice, promptCutNotice, statsRows, statusNotice } from '../format';
import { FINAL_HIGHLIGHT_LIMIT, type MarkdownRenderer } from '../markdown/render';
import { TEST_IDS } from '../testids';
import { errorBox } from './errorBox';
import { ReasoningView } from './reasoning';
import { t } from '../../shared/l10n';
import { actionButtons } from './messageActions';
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
  private readonly status: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly details: HTMLElement;
  private message: ChatMessageView;
  private stream: StreamedBody | undefined;
  private renderedText: string | undefined;
  /** How much of the streaming text was already searched for a long run. */
  private longRunCheckedUpTo = 0;
  /** The body holds the plain source of a settled reply, waiting to be rendered. */
  private deferred = false;
  /** What the last update showed, so an update with the same message at the same place does nothing. */
  private updated: { message: ChatMessageView; position: string } | undefined;
  private errorDetailOpen = false;
  private detailsOpen = false;

  constructor(
    message: ChatMessageView,
    private readonly renderer: MarkdownRenderer,
    private readonly post: Post,
  ) {
    this.message = message;
    const roleId = uniqueId('role');
    const isUser = message.role === 'user';
    this.body = h('div', {
      class: isUser ? 'message-body user-text' : 'message-body markdown',
      'data-testid': TEST_IDS.messageBody,
    });
    this.status = h('div', { class: 'message-status' });
    this.actions = h('div', { class: 'message-actions' });
    this.details = h('div', { class: 'message-details' });
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
      this.status,
      this.actions,
      this.details,
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
    // What streamed, which the final text continues (its last deltas may not have been posted: it supersedes them).
    const streamed = this.stream && message.text.startsWith(this.message.text) ? this.message.text : undefined;
    this.message = message;
    const streaming = message.status === 'streaming';
    if (message.reasoning || this.reasoning) this.reasoningView().update(message.reasoning, streaming);
    if (streaming && message.role === 'assistant') {
      if (!this.stream || this.renderedText !== message.text) this.startStream(message.text);
    } else if (streamed !== undefined && this.finishStream(message.text.slice(streamed.length))) {
      // Settles as it streamed, once the frames have rendered the rest.
    } else if (this.stream || this.renderedText !== message.text) {
      if (position.defer && message.role === 'assistant') this.showSource();
      else this.renderFinal();
    }
    this.showStatus();
    this.renderStatus(message.error, !position.busy && position.isLastAssistant);
    this.renderActions(position);
    this.renderDetails();
  }

  get isDeferred(): boolean {
    return this.deferred;
  }

  /** Renders the markdown of a deferred reply; nothing when it is rendered already. */
  renderDeferred(): void {
    if (this.deferred) this.renderFinal();
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
   * Stable blocks are rendered a step at a time while `hasTime()`, at least one step; the rest waits for the next frame.
   */
  renderStreamFrame(hasTime: () => boolean = () => true): void {
    this.reasoning?.renderFrame();
    if (this.stream && (this.stream.hasRenderPending || this.renderedText !== this.message.text)) {
      this.renderStreamText(hasTime);
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

  private renderStreamText(hasTime: () => boolean): void {
    if (!this.stream) return;
    const ended = this.stream.render(hasTime, (change) => this.keepingFocus(change));
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
    this.renderStreamText(() => false);
  }

  /**
   * A reply that settled with the text it streamed keeps the blocks it rendered, and the frames render the rest; false
   * when it must render whole.
   */
  private finishStream(unsent: string): boolean {
    if (!this.stream?.settle(unsent)) return false;
    this.renderStreamText(() => false);
    return true;
  }

  private showSource(): void {
    this.stream = undefined;
    this.deferred = true;
    this.body.classList.add('deferred');
    this.body.textContent = neutralizeControlChars(this.message.text);
    this.renderedText = this.message.text;
  }

  private renderFinal(): void {
    this.stream = undefined;
    this.deferred = false;
    this.body.classList.remove('deferred');
    const text = neutralizeControlChars(this.message.text);
    if (this.message.role === 'user') {
      this.body.textContent = text;
    } else {
      const html = this.renderer.render(text, { highlightLimit: FINAL_HIGHLIGHT_LIMIT });
      this.keepingFocus(() => (this.body.innerHTML = html));
    }
    this.body.classList.toggle(LONG_RUN_CLASS, LONG_RUN.test(text));
    this.renderedText = this.message.text;
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

  /** The error box, or the notices of a reply that did not fail. */
  private renderStatus(error: ReplyError | undefined, canRetry: boolean): void {
    if (error) {
      const detail = { open: this.errorDetailOpen, toggled: (open: boolean) => (this.errorDetailOpen = open) };
      this.status.replaceChildren(errorBox(error, canRetry, this.post, detail));
      return;
    }
    const notices = [droppedNotice(this.message), promptCutNotice(this.message), statusNotice(this.message)];
    this.status.replaceChildren(
      ...notices
        .filter((notice) => notice !== undefined)
        .map((notice) => h('p', { class: 'notice', 'data-testid': TEST_IDS.notice }, icon('info'), notice)),
    );
  }

  private renderActions(position: MessagePosition): void {
    this.actions.replaceChildren(...actionButtons(this.message, position, this.post));
  }

  private renderDetails(): void {
    const stats = this.message.stats;
    if (!stats) {
      this.details.replaceChildren();
      return;
    }
    // The rows are made when the list is first shown: a long conversation would have thousands of them, unseen.
    const list = h('dl', { class: 'stats', 'data-testid': TEST_IDS.details });
    const fill = (): void => {
      if (list.childElementCount > 0) return;
      list.append(...statsRows(stats).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
    };
    if (this.detailsOpen) fill();
    this.actions.append(
      disclosure(t('Details'), TEST_IDS.detailsToggle, list, this.detailsOpen, (open) => {
        this.detailsOpen = open;
        if (open) fill();
      }),
    );
    this.details.replaceChildren(list);
  }
}
