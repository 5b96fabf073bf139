// Clicks in the message list: code-block buttons run their action, and links go to the host, which opens only
// http(s) and mailto, never the webview itself.
import { runCodeAction } from './codeActions';
import type { HostChannel } from './host';

export function handleListClicks(list: HTMLElement, host: Pick<HostChannel, 'post'>): void {
  list.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) return;
    const action = event.target.closest<HTMLElement>('[data-code-action]');
    if (action) {
      runCodeAction(action, host);
      return;
    }
    const link = event.target.closest('a');
    if (link) {
      // VS Code's webview frame opens every clicked link itself from a window listener, whatever the scheme; stopping
      // the click here leaves opening to the host, which allows only http(s) and mailto, and opens it once.
      event.preventDefault();
      event.stopPropagation();
      const href = link.getAttribute('href');
      if (href) host.post({ type: 'openLink', href });
    }
  });
  // Middle-click would otherwise try to open the link in the webview itself.
  list.addEventListener('auxclick', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) {
      event.preventDefault();
      event.stopPropagation();
    }
  });
}
