// The floor under the long bench's figures: key presses and frames in the chat's composer with nothing streaming, on
// the same machine and VS Code. A budget this misses cannot be met by the chat's own work while a reply streams.
import type { Page } from 'playwright-core';
import type { ChatView } from '../support/ui';
import { keyPressDurations, percentile, startStreamProbe, stopStreamProbe } from './longProbes';

const KEYS = 40;

export async function measureIdleTyping(
  page: Page,
  chat: ChatView,
  keyIntervalMs: number,
): Promise<{ inputP99: number; frameP95: number }> {
  const input = await chat.input.elementHandle();
  if (!input) throw new Error('the composer is not there');
  await input.click();
  // The probe waits for a reply's first text, which never comes here: only its frames and key presses are read.
  await startStreamProbe(chat.frame, 'no reply streams while the composer is typed into');
  for (let key = 0; key < KEYS; key++) {
    await page.keyboard.press('x');
    await page.waitForTimeout(keyIntervalMs);
  }
  const probe = await stopStreamProbe(chat.frame);
  await input.fill('');
  await input.dispose();
  return { inputP99: percentile(keyPressDurations(probe.keys, KEYS), 99), frameP95: percentile(probe.frames, 95) };
}
