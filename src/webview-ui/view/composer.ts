// The input area: the conversation's context chips and meter, a growing textarea, Send and Stop.
import type { ContextView } from '../../shared/contextView';
import { MAX_MESSAGE_LENGTH, type WebviewToHostMessage } from '../../shared/messages';
import { h, iconButton } from '../dom';
import { TEST_IDS } from '../testids';
import { ContextBar } from './contextBar';
import { t } from '../../shared/l10n';

export interface ComposerEvents {
  send(text: string): void;
  stop(): void;
  draftChanged(text: string): void;
}

/** The textarea grows with its content up to this share of the view height, then scrolls. */
const MAX_INPUT_HEIGHT_RATIO = 0.4;
/** The engine grows the textarea with its text (CSS `field-sizing`), within the same bounds as `grow` keeps. */
const SIZES_TO_CONTENT = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly problem: HTMLElement;
  private readonly contextBar: ContextBar;
  private busy = false;

  constructor(
    private readonly events: ComposerEvents,
    post: (message: WebviewToHostMessage) => void,
  ) {
    this.contextBar = new ContextBar(post);
    this.input = h('textarea', {
      class: 'input',
      rows: '1',
      'aria-label': t('Message'),
      'data-testid': TEST_IDS.input,
      placeholder: t('Ask Vitalentum (Enter to send, Shift+Enter for a new line)'),
    });
    this.sendButton = iconButton('send', t('Send'), TEST_IDS.send, () => this.submit());
    this.stopButton = iconButton('debug-stop', t('Stop response'), TEST_IDS.stop, () => events.stop());
    this.stopButton.hidden = true;
    this.problem = h('p', { class: 'composer-problem', role: 'alert', 'data-testid': TEST_IDS.composerProblem });
    this.problem.hidden = true;
    this.element = h(
      'div',
      { class: 'composer' },
      this.contextBar.element,
      this.problem,
      h('div', { class: 'input-row' }, this.input, this.sendButton, this.stopButton),
    );
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.problem.hidden = true;
      this.grow();
      this.updateSendEnabled();
      this.contextBar.setDraft(this.input.value);
      events.draftChanged(this.input.value);
    });
    this.updateSendEnabled();
  }

  setText(text: string): void {
    this.input.value = text;
    this.contextBar.setDraft(text);
    this.grow();
    this.updateSendEnabled();
    this.events.draftChanged(text);
  }

  /** Puts `text` in the box to be edited, with the keyboard focus at its end. */
  edit(text: string): void {
    this.setText(text);
    this.focus();
  }

  /** Puts back a message the host refused, unless something else has been typed since. */
  restore(text: string): void {
    if (this.input.value === '') this.edit(text);
  }

  focus(): void {
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  setBusy(busy: boolean): void {
    const stopHadFocus = this.stopButton === document.activeElement;
    this.busy = busy;
    this.stopButton.hidden = !busy;
    this.sendButton.hidden = busy;
    this.updateSendEnabled();
    // Stop vanishes when the reply ends; keep keyboard users in the input rather than on a hidden button.
    if (stopHadFocus && !busy) this.input.focus();
  }

  setContextView(view: ContextView): void {
    this.contextBar.setView(view);
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || text.trim() === '') return;
    if (text.length > MAX_MESSAGE_LENGTH) {
      // The host would refuse it; the text stays in the box so nothing typed is lost.
      this.problem.textContent = t(
        'This message has {0} characters; the limit is {1}. Shorten it and send again.',
        text.length.toLocaleString('en-US'),
        MAX_MESSAGE_LENGTH.toLocaleString('en-US'),
      );
      this.problem.hidden = false;
      return;
    }
    this.events.send(text);
    this.setText('');
    // Send is disabled now that the box is empty, which would drop the focus to the page: the next question goes here.
    this.input.focus();
  }

  private grow(): void {
    // Where the engine sizes the field to its content (styles.css), nothing is measured on each key press: a
    // measurement there would lay out the whole chat while a reply streams into it.
    if (SIZES_TO_CONTENT) return;
    this.input.style.height = 'auto';
    const max = Math.max(80, window.innerHeight * MAX_INPUT_HEIGHT_RATIO);
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, max)}px`;
  }

  private updateSendEnabled(): void {
    this.sendButton.disabled = this.busy || this.input.value.trim() === '';
  }
}
