// The buttons under a message, which depend on where it sits: the last reply offers Retry, Continue and Regenerate
// once nothing streams, the last question offers Edit.
import { t } from '../../shared/l10n';
import { canContinue, type ChatMessageView } from '../../shared/protocol';
import { textButton } from '../dom';
import { TEST_IDS } from '../testids';
import type { Post } from './message';
import type { MessagePosition } from './messagePosition';

export function actionButtons(
  message: ChatMessageView,
  { isLastAssistant, isLastUser, busy }: MessagePosition,
  post: Post,
): HTMLButtonElement[] {
  const buttons: HTMLButtonElement[] = [];
  const status = message.status;
  if (!busy && isLastAssistant) {
    // A failure whose own action is not Retry (a refused key, a setting) still needs a way to ask again.
    if (status === 'error' && message.error?.action !== 'retry') {
      buttons.push(textButton('refresh', t('Retry'), TEST_IDS.retry, () => post({ type: 'retry' })));
    }
    if (canContinue(message)) {
      buttons.push(textButton('debug-continue', t('Continue'), TEST_IDS.continue, () => post({ type: 'continue' })));
    }
    if (status !== 'error') {
      buttons.push(textButton('sync', t('Regenerate'), TEST_IDS.regenerate, () => post({ type: 'regenerate' })));
    }
  }
  if (!busy && isLastUser) {
    buttons.push(textButton('edit', t('Edit'), TEST_IDS.edit, () => post({ type: 'editLast' })));
  }
  return buttons;
}
