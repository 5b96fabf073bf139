// The buttons on a rendered code block: Apply, Copy and Insert at Cursor each send the block's code to the host.
import type { HostChannel } from './host';

/** Runs the code-block button `action` (an element with `data-code-action`) inside its `.code-block`. */
export function runCodeAction(action: HTMLElement, host: Pick<HostChannel, 'post'>): void {
  const block = action.closest<HTMLElement>('.code-block');
  const code = block?.querySelector('code')?.textContent ?? '';
  if (action.dataset.codeAction === 'apply') {
    // The reply's id lets the host find the selection the question was about, the target when no file is named.
    host.post({ type: 'applyCode', code, info: block?.dataset.info ?? '' });
  } else if (action.dataset.codeAction === 'copy') {
    host.post({ type: 'copyCode', code });
    const glyph = action.querySelector('.codicon');
    glyph?.classList.replace('codicon-copy', 'codicon-check');
    setTimeout(() => glyph?.classList.replace('codicon-check', 'codicon-copy'), 1500);
  } else {
    host.post({ type: 'insertCode', code });
  }
}
