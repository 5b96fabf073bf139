// A failed reply's error box: the presenter's one sentence, the one action it calls for, and the technical detail on
// demand.
import type { WebviewToHostMessage } from '../../shared/messages';
import type { ErrorAction, ReplyError } from '../../shared/protocol';
import { t } from '../../shared/l10n';
import { neutralizeControlChars } from '../controlChars';
import { disclosure, h, icon, textButton } from '../dom';
import { TEST_IDS } from '../testids';

type Post = (message: WebviewToHostMessage) => void;

/** The icon and label of each error action but Retry, which is the message's own Retry button. */
const ERROR_ACTION_BUTTONS: Record<Exclude<ErrorAction, 'retry'>, () => [icon: string, label: string]> = {
  setApiKey: () => ['key', t('Set API Key')],
  openSettings: () => ['settings-gear', t('Open Settings')],
};

/** Retry asks again for the last reply, so it is offered only there and only while nothing streams. */
function errorActionButton(action: ErrorAction | undefined, canRetry: boolean, post: Post): HTMLButtonElement[] {
  if (action === 'retry') {
    return canRetry ? [textButton('refresh', t('Retry'), TEST_IDS.retry, () => post({ type: 'retry' }))] : [];
  }
  if (action === undefined) return [];
  const [iconName, label] = ERROR_ACTION_BUTTONS[action]();
  return [textButton(iconName, label, TEST_IDS.errorAction, () => post({ type: 'errorAction', action }))];
}

/** The box for `error`; `detail` keeps whether its detail is open across re-renders. */
export function errorBox(
  error: ReplyError,
  canRetry: boolean,
  post: Post,
  detail: { open: boolean; toggled(open: boolean): void },
): HTMLElement {
  const text = h('pre', { class: 'error-detail', 'data-testid': TEST_IDS.errorDetail }, error.detail ?? '');
  return h(
    'div',
    { class: 'error-box', 'data-testid': TEST_IDS.errorBox, 'data-error-kind': error.kind },
    h('p', { class: 'error-message' }, icon('error'), neutralizeControlChars(error.message)),
    ...errorActionButton(error.action, canRetry, post),
    ...(error.detail
      ? [disclosure(t('Show details'), TEST_IDS.errorDetailToggle, text, detail.open, detail.toggled), text]
      : []),
  );
}
