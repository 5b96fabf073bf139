// Title, backend/model chip and the conversation buttons, among them the one that shows and hides the history.
import type { WebviewToHostMessage } from '../../shared/messages';
import type { BackendInfo } from '../../shared/protocol';
import { h, icon, iconButton } from '../dom';
import { TEST_IDS } from '../testids';
import type { HistoryPanel } from './history';
import { t } from '../../shared/l10n';

export class Header {
  readonly element: HTMLElement;
  private readonly historyButton: HTMLButtonElement;
  private readonly title: HTMLElement;
  private readonly backendLabel: HTMLElement;
  private readonly backendChip: HTMLButtonElement;

  constructor(
    post: (message: WebviewToHostMessage) => void,
    private readonly history: HistoryPanel,
  ) {
    this.title = h('h1', { class: 'title', 'data-testid': TEST_IDS.title }, t('New chat'));
    this.backendLabel = h('span', { class: 'chip-label' });
    this.backendChip = h(
      'button',
      { type: 'button', class: 'chip', 'data-testid': TEST_IDS.backendChip },
      icon('server'),
      this.backendLabel,
    );
    this.backendChip.addEventListener('click', () => post({ type: 'selectModel' }));
    this.historyButton = iconButton('history', t('Show chat history'), TEST_IDS.history, () =>
      this.setHistoryOpen(!history.isOpen),
    );
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.historyButton.setAttribute('aria-controls', history.id);
    this.element = h(
      'header',
      { class: 'header', 'data-testid': TEST_IDS.header },
      this.title,
      h(
        'div',
        { class: 'header-tools' },
        this.backendChip,
        iconButton('add', t('New chat'), TEST_IDS.newChat, () => post({ type: 'newChat' })),
        this.historyButton,
        iconButton('export', t('Export chat as Markdown'), TEST_IDS.export, () => post({ type: 'export' })),
      ),
    );
  }

  setTitle(title: string): void {
    this.title.textContent = title === '' ? t('New chat') : title;
    this.title.title = this.title.textContent;
  }

  setBackend(backend: BackendInfo): void {
    const name = backend.model !== undefined && backend.model !== '' ? backend.model : backend.protocol;
    this.backendLabel.textContent = name;
    const description = backend.model
      ? t('{0} at {1}, model {2}', backend.protocol, backend.baseUrl, backend.model)
      : t('{0} at {1}', backend.protocol, backend.baseUrl);
    this.backendChip.title = t('{0}. Select a model.', description);
    this.backendChip.setAttribute('aria-label', t('Model: {0} ({1}). Select a model.', name, description));
  }

  /** Hides the history and gives the keyboard focus back to its button. */
  closeHistory(): void {
    this.setHistoryOpen(false);
    this.historyButton.focus();
  }

  private setHistoryOpen(open: boolean): void {
    this.history.setOpen(open);
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('active', open);
  }
}
