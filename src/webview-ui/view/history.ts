// The list of saved conversations, opened from the header: reopen one or delete it.
import type { WebviewToHostMessage } from '../../shared/messages';
import type { ConversationSummary } from '../../shared/protocol';
import { neutralizeControlChars } from '../controlChars';
import { h, iconButton } from '../dom';
import { TEST_IDS } from '../testids';
import { t } from '../../shared/l10n';

function describeDate(timestamp: number): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor(
    readonly id: string,
    private readonly post: (message: WebviewToHostMessage) => void,
    /** The user picked a conversation to open. */
    private readonly opened: (id: string) => void = () => undefined,
  ) {
    this.list = h('ul', { class: 'history-list' });
    this.element = h(
      'section',
      { id, class: 'history-panel', 'data-testid': TEST_IDS.historyPanel, 'aria-label': t('Chat history') },
      h('h2', { class: 'history-heading' }, t('History')),
      this.list,
    );
    this.element.hidden = true;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (open) this.list.querySelector<HTMLElement>('button')?.focus();
  }

  update(history: ConversationSummary[], currentId: string | undefined): void {
    if (history.length === 0) {
      this.list.replaceChildren(h('li', { class: 'history-empty' }, t('No saved chats yet.')));
      return;
    }
    const sorted = [...history].sort((a, b) => b.updatedAt - a.updatedAt);
    this.list.replaceChildren(...sorted.map((item) => this.row(item, item.id === currentId)));
  }

  private row(item: ConversationSummary, current: boolean): HTMLElement {
    const title = neutralizeControlChars(item.title === '' ? t('Untitled chat') : item.title);
    const messages = item.messageCount === 1 ? t('1 message') : t('{0} messages', item.messageCount);
    const open = h(
      'button',
      {
        type: 'button',
        class: 'history-open',
        'data-testid': TEST_IDS.historyOpen,
        'aria-current': current ? 'true' : undefined,
      },
      h('span', { class: 'history-title' }, title),
      h('span', { class: 'history-meta' }, `${describeDate(item.updatedAt)} · ${messages}`),
    );
    open.addEventListener('click', () => {
      this.opened(item.id);
      this.post({ type: 'openConversation', id: item.id });
    });
    const remove = iconButton('trash', t('Delete chat "{0}"', title), TEST_IDS.historyDelete, () =>
      this.post({ type: 'deleteConversation', id: item.id }),
    );
    return h(
      'li',
      { class: 'history-item', 'data-testid': TEST_IDS.historyItem, 'data-conversation-id': item.id },
      open,
      remove,
    );
  }
}
