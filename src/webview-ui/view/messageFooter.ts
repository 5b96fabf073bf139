// What sits under a message's body: the error box or the reply's notices, the buttons its place offers, and the
// reply's details (timing, tokens, model), whose rows are made only once the user opens them.
import { t } from '../../shared/l10n';
import type { ChatMessageView, ReplyError } from '../../shared/protocol';
import { disclosure, h, icon } from '../dom';
import { droppedNotice, promptCutNotice, statsRows, statusNotice } from '../format';
import { TEST_IDS } from '../testids';
import { errorBox } from './errorBox';
import type { Post } from './message';
import { actionButtons } from './messageActions';
import type { MessagePosition } from './messagePosition';

export class MessageFooter {
  private readonly status = h('div', { class: 'message-status' });
  private readonly actions = h('div', { class: 'message-actions' });
  private readonly details = h('div', { class: 'message-details' });
  /** What the user opened stays open when the message is shown again. */
  private errorDetailOpen = false;
  private detailsOpen = false;

  constructor(private readonly post: Post) {}

  /** The footer's parts, in the order they follow the body. */
  get elements(): HTMLElement[] {
    return [this.status, this.actions, this.details];
  }

  update(message: ChatMessageView, position: MessagePosition): void {
    this.renderStatus(message, !position.busy && position.isLastAssistant);
    this.actions.replaceChildren(...actionButtons(message, position, this.post));
    this.renderDetails(message);
  }

  /** The error box, or the notices of a reply that did not fail. */
  private renderStatus(message: ChatMessageView, canRetry: boolean): void {
    const error: ReplyError | undefined = message.error;
    if (error) {
      const detail = { open: this.errorDetailOpen, toggled: (open: boolean) => (this.errorDetailOpen = open) };
      this.status.replaceChildren(errorBox(error, canRetry, this.post, detail));
      return;
    }
    const notices = [droppedNotice(message), promptCutNotice(message), statusNotice(message)];
    this.status.replaceChildren(
      ...notices
        .filter((notice) => notice !== undefined)
        .map((notice) => h('p', { class: 'notice', 'data-testid': TEST_IDS.notice }, icon('info'), notice)),
    );
  }

  private renderDetails(message: ChatMessageView): void {
    const stats = message.stats;
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
