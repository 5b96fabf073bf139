// The scrolling list of the conversation's messages, which starts with the empty chat's welcome.
import { t } from '../../shared/l10n';
import { h } from '../dom';
import { TEST_IDS } from '../testids';

export function createMessageList(emptyState: HTMLElement): HTMLElement {
  return h(
    'div',
    {
      class: 'message-list',
      // Not a live region: it would read every streamed chunk; finished replies are told by the announcer.
      role: 'region',
      'aria-label': t('Conversation'),
      'data-testid': TEST_IDS.messageList,
      tabindex: '0',
      'aria-busy': 'true', // Loading, until the host's first state shows the conversation.
    },
    emptyState,
  );
}
