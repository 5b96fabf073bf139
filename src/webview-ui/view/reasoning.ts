// A reply's reasoning: a collapsed "Thinking" section above the answer, with how long the model reasoned. The text is
// shown as it arrives, as plain text apart from the answer, so nothing in it offers Copy or Insert.
import type { ReplyReasoning } from '../../shared/protocol';
import { neutralizeControlChars } from '../controlChars';
import { disclosure, h } from '../dom';
import { formatDuration } from '../format';
import { TEST_IDS } from '../testids';
import { t } from '../../shared/l10n';

export class ReasoningView {
  readonly element: HTMLElement;
  private readonly label = document.createTextNode('');
  private readonly duration: HTMLElement;
  private readonly region: HTMLElement;
  /** The raw reasoning text the region shows, and what arrived since the last frame. */
  private shown = '';
  private pending = '';

  constructor() {
    this.region = h('div', { class: 'reasoning-text', 'data-testid': TEST_IDS.reasoning });
    // The button is made once, so whether it is open survives every update of the message.
    const toggle = disclosure('', TEST_IDS.reasoningToggle, this.region, false, () => undefined);
    this.duration = h('span', { class: 'reasoning-duration', 'data-testid': TEST_IDS.reasoningDuration });
    toggle.append(h('span', {}, this.label, this.duration));
    this.element = h('div', { class: 'reasoning', hidden: true }, toggle, this.region);
  }

  /** Shows the reasoning as the message now holds it. */
  update(reasoning: ReplyReasoning | undefined, streaming: boolean): void {
    this.element.hidden = reasoning === undefined;
    const text = reasoning?.text ?? '';
    if (text !== this.shown + this.pending) {
      this.region.textContent = neutralizeControlChars(text);
      this.shown = text;
      this.pending = '';
    } else if (!streaming) {
      this.renderFrame(true);
    }
    const durationMs = reasoning?.durationMs;
    this.label.data = streaming ? t('Thinking…') : t('Thinking');
    this.duration.textContent = streaming || durationMs === undefined ? '' : ` · ${formatDuration(durationMs)}`;
  }

  append(text: string): void {
    this.element.hidden = false;
    this.pending += text;
  }

  /**
   * Adds what arrived since the last frame. While more may come, a carriage return at the end waits for the next
   * text, which may be its line feed: the two make one line break.
   */
  renderFrame(final = false): void {
    const ready = !final && this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    if (ready === '') return;
    this.region.append(neutralizeControlChars(ready));
    this.shown += ready;
    this.pending = this.pending.slice(ready.length);
  }
}
