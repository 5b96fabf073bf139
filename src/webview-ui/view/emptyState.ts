// What the chat shows before the first question: what it is for, and how to give it context.
import { t } from '../../shared/l10n';
import { h } from '../dom';
import { TEST_IDS } from '../testids';

export function emptyState(): HTMLElement {
  return h(
    'div',
    { class: 'empty-state', 'data-testid': TEST_IDS.emptyState },
    h('p', {}, t('Ask a question about your code.')),
    h('p', {}, t('Add files, a selection or problems with the + button, or select code and press Ctrl+Alt+A.')),
  );
}
