// VS Code 1.99 and 1.100 register a service worker of their own for each new webview: the webview's id is part of
// the worker's address, so every panel opened waits for a new worker to install and take control, about a second
// before its page arrives (microsoft/vscode#245756, caused by #244144). Later VS Code passes the id in a message
// instead (#244910) and keeps one worker for every webview of the window. code-server 4.100.3, the last release that
// runs on Node 20, ships the slow path; this serves its webview host page with the later worker address, so the
// bench can measure opening the chat as current VS Code does it, beside the figure as 1.100.3 gives it.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

const WEBVIEW_HOST_PAGE = /\/webview\/browser\/pre\/index\.html(?:\?|$)/;
/** The part of the worker's address that differs from one webview to the next. */
const PER_WEBVIEW_WORKER = '&id=${ID}&remoteAuthority=';
const SHARED_WORKER = '&remoteAuthority=';
const INLINE_SCRIPT = /<script async type="module">([\s\S]*?)<\/script>/;

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

/**
 * The host page with one worker address for every webview, its Content-Security-Policy allowing the changed script.
 * Throws when the page is not the one this was written for, rather than leave the slow path in place unnoticed.
 */
export function withSharedServiceWorker(page: string): string {
  const script = INLINE_SCRIPT.exec(page)?.[1];
  if (script === undefined || !script.includes(PER_WEBVIEW_WORKER) || !page.includes(scriptHash(script))) {
    throw new Error("the webview host page is not VS Code 1.100's: its service worker address was not found");
  }
  const changed = script.replace(PER_WEBVIEW_WORKER, SHARED_WORKER);
  // Replaced by functions: the script's own `$&` or `$'` would otherwise be read as replacement patterns.
  return page.replace(script, () => changed).replace(scriptHash(script), () => scriptHash(changed));
}

/**
 * From now on, every webview opened in the page's window shares one service worker, as in VS Code 1.101 and later.
 * The returned function throws unless every webview page served since had the change: a figure measured without it
 * would be reported as one measured with it.
 */
export async function shareWebviewServiceWorker(page: Page): Promise<() => void> {
  let served = 0;
  let failure: unknown;
  await page.context().route(WEBVIEW_HOST_PAGE, async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    try {
      await route.fulfill({ response, body: withSharedServiceWorker(text) });
      served++;
    } catch (error) {
      failure ??= error;
      await route.fulfill({ response, body: text });
    }
  });
  return () => {
    if (failure !== undefined) throw failure;
    if (served === 0) throw new Error('no webview host page was served with the shared service worker');
  };
}
