// "Ask Vitalentum" to a focused composer in a warm window: the chat panel is closed, the command is picked in the
// palette, and the time runs until the new webview's input has the keyboard focus. It is read in the workbench page
// itself, once a frame, through the webview's frames (code-server serves them from the workbench's origin): polling
// from the test instead would add its round trips to the figure and its work to the machine it measures.
import type { VSCodeSession } from '../support/ui';
import { median } from './benchSupport';

const TITLE = 'Ask Vitalentum';
const TIMEOUT_MS = 20_000;

interface Opening {
  /** Date.now() at the first frame in which the chat input has the focus. */
  focusedAt: number;
  /** Date.now() when the chat's document had arrived: what comes after it is the extension's own start. */
  documentAt: number;
}

/** Starts watching, in the workbench page, for a chat webview whose input has the focus. */
function watchForFocusedChat(vscode: VSCodeSession): Promise<Opening> {
  return vscode.page.evaluate((timeout) => {
    const started = Date.now();
    const readable = (frame: HTMLIFrameElement | null): Document | undefined => {
      try {
        return frame?.contentDocument ?? undefined;
      } catch {
        return undefined;
      }
    };
    return new Promise<Opening>((resolve, reject) => {
      const check = (): void => {
        let outerSeen = false;
        for (const outer of document.querySelectorAll('iframe')) {
          const webview = readable(outer);
          if (!webview) continue;
          outerSeen = true;
          const chat = readable(webview.querySelector<HTMLIFrameElement>('#active-frame'));
          const input = chat?.querySelector('[data-testid="input"]');
          if (chat?.defaultView && input && chat.activeElement === input && chat.hasFocus()) {
            const { performance: inner } = chat.defaultView;
            const [navigation] = inner.getEntriesByType('navigation') as PerformanceNavigationTiming[];
            return resolve({ focusedAt: Date.now(), documentAt: inner.timeOrigin + navigation.responseEnd });
          }
        }
        const waited = Date.now() - started;
        if (waited > timeout) {
          const why = outerSeen ? 'no chat input took the focus' : "no webview's frame was readable from the page";
          return reject(new Error(`${why} within ${timeout} ms`));
        }
        requestAnimationFrame(check);
      };
      check();
    });
  }, TIMEOUT_MS);
}

async function once(vscode: VSCodeSession): Promise<{ total: number; extension: number }> {
  await vscode.runCommand('View: Close All Editors');
  await vscode.page
    .locator('.webview')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await vscode.focusWorkbench();
  await vscode.page.keyboard.press('F1');
  const input = vscode.page.locator('.quick-input-widget input');
  await input.fill(`>${TITLE}`);
  await vscode.page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }).first().waitFor();
  const opening = watchForFocusedChat(vscode);
  const started = Date.now();
  await vscode.pickRow(TITLE);
  const { focusedAt, documentAt } = await opening;
  return { total: focusedAt - started, extension: focusedAt - documentAt };
}

/**
 * The medians of `runs` openings after one to warm up: command to ready, and the chat document to ready. `label` names
 * the VS Code the line of single figures was measured in.
 */
export async function measureCommandToReady(
  vscode: VSCodeSession,
  runs: number,
  label: string,
): Promise<{ commandToReadyMs: number; documentToReadyMs: number }> {
  const times: { total: number; extension: number }[] = [];
  for (let run = 0; run <= runs; run++) {
    const ms = await once(vscode);
    if (run > 0) times.push(ms);
  }
  console.log(
    `open (${label}): command to ready ${times.map((t) => t.total).join(', ')} ms; of which after the chat's document arrived ${times.map((t) => t.extension).join(', ')} ms`,
  );
  return {
    commandToReadyMs: median(times.map((t) => t.total)),
    documentToReadyMs: median(times.map((t) => t.extension)),
  };
}
