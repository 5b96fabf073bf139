// The conversation's context above the input: a chip per pinned item (click opens it, × removes it), one for the
// instructions, the Add Context button, and the meter of the next request's estimated tokens.
import type { ContextChipView, ContextView } from '../../shared/contextView';
import type { WebviewToHostMessage } from '../../shared/messages';
import { estimateTextTokens, formatTokens, formatWindowTokens } from '../../shared/tokenEstimate';
import { h, icon, iconButton, textButton } from '../dom';
import { TEST_IDS } from '../testids';
import { t } from '../../shared/l10n';

const ICONS: Record<ContextChipView['kind'], string> = {
  instructions: 'book',
  file: 'file',
  selection: 'selection',
  problems: 'warning',
};

export class ContextBar {
  readonly element: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly meter: HTMLElement;
  private view: ContextView | undefined;
  private draft = '';

  constructor(private readonly post: (message: WebviewToHostMessage) => void) {
    this.chips = h('div', { class: 'context-chips', 'data-testid': TEST_IDS.contextChips });
    // Not a live region: it changes as the user types and when a reply ends, where it would talk over the reply.
    this.meter = h('span', { class: 'context-meter', 'data-testid': TEST_IDS.contextMeter });
    const add = textButton('add', t('Add Context'), TEST_IDS.addContext, () => post({ type: 'addContext' }));
    this.element = h(
      'div',
      { class: 'context-bar' },
      this.chips,
      h('div', { class: 'context-tools' }, add, this.meter),
    );
  }

  /** The host's chips and figures for the conversation on screen. */
  setView(view: ContextView): void {
    this.view = view;
    this.chips.replaceChildren(...view.chips.map((chip) => this.chipElement(chip)));
    this.renderMeter();
  }

  /** The text being typed, which the next request will carry too. */
  setDraft(draft: string): void {
    this.draft = draft;
    this.renderMeter();
  }

  private renderMeter(): void {
    if (!this.view) return;
    const typed = this.draft.trim() === '' ? 0 : estimateTextTokens(this.draft);
    const used = this.view.baseTokens + typed;
    this.meter.textContent = t('{0} / {1} tokens', formatTokens(used), formatWindowTokens(this.view.windowTokens));
    this.meter.title = t('About {0} of the {1}-token context window (estimated)', used, this.view.windowTokens);
    this.meter.classList.toggle('over', used > this.view.windowTokens);
  }

  private chipElement(chip: ContextChipView): HTMLElement {
    const { id } = chip;
    const tokens = chip.tokens === undefined ? t('not sent') : t('{0} tokens', formatTokens(chip.tokens));
    const name = h(
      'button',
      { type: 'button', class: 'context-open', title: chip.problem ? `${chip.title}: ${chip.problem}` : chip.title },
      icon(ICONS[chip.kind]),
      h('span', { class: 'context-name' }, chip.label),
      h('span', { class: 'context-meta' }, tokens),
    );
    if (id === undefined) name.disabled = true;
    else name.addEventListener('click', () => this.post({ type: 'openContext', id }));
    const chipElement = h(
      'div',
      {
        class: chip.problem ? 'context-chip has-problem' : 'context-chip',
        role: 'group',
        'aria-label': `${chip.label}, ${tokens}`,
        'data-testid': TEST_IDS.contextItem,
        'data-kind': chip.kind,
      },
      name,
    );
    if (chip.problem) chipElement.append(h('span', { class: 'context-problem' }, chip.problem));
    if (id !== undefined) {
      const remove = iconButton('close', t('Remove {0}', chip.label), TEST_IDS.contextRemove, () => {
        this.post({ type: 'removeContext', id });
      });
      chipElement.append(remove);
    }
    return chipElement;
  }
}
