// "Ask Vitalentum" to a focused composer in a warm window: the chat panel is closed, the command is picked in the
// palette, and the time runs until the new webview's input has the keyboard focus (read at that webview's frame).
import type { Frame } from 'playwright-core';
import type { VSCodeSession } from '../support/ui';
import { median } from './benchSupport';

const TITLE = 'Ask Vitalentum';

/** The frame showing the chat input, once there is one; `undefined` after the deadline. */
async function chatFrame(vscode: VSCodeSession, deadline: number): Promise<Frame | undefined> {
  while (Date.now() < deadline) {
    for (const frame of vscode.page.frames()) {
      if (frame === vscode.page.mainFrame()) continue;
      if (await frame.$('[data-testid="input"]').catch(() => null)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return undefined;
}

/** Date.now() at the first frame in which the input has the focus. */
function focusedAt(frame: Frame, timeoutMs: number): Promise<number> {
  return frame.evaluate((timeout) => {
    const started = Date.now();
    return new Promise<number>((resolve, reject) => {
      const check = (): void => {
        const input = document.querySelector('[data-testid="input"]');
        if (input && document.activeElement === input && document.hasFocus()) return resolve(Date.now());
        if (Date.now() - started > timeout) return reject(new Error('the chat input did not take the focus'));
        requestAnimationFrame(check);
      };
      check();
    });
  }, timeoutMs);
}

async function once(vscode: VSCodeSession): Promise<number> {
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
  const started = Date.now();
  await vscode.pickRow(TITLE);
  const frame = await chatFrame(vscode, started + 20_000);
  if (!frame) throw new Error('no chat webview showed within 20 s');
  return (await focusedAt(frame, 20_000)) - started;
}

/** The median of `runs` openings after one to warm up. */
export async function measureCommandToReady(vscode: VSCodeSession, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const ms = await once(vscode);
    if (run > 0) times.push(ms);
  }
  console.log(`open: command to ready ${times.join(', ')} ms`);
  return median(times);
}
