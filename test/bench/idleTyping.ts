// The floor under the long bench's figures: key presses and frames in the chat's composer with nothing streaming, on
// the same machine and VS Code (a budget this misses cannot be met by the chat's own work while a reply streams), and
// the typing it shares with the wait figure (test/bench/waitTyping.ts).
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
  const typed = await typeKeys(page, chat, KEYS, keyIntervalMs);
  await input.fill('');
  await input.dispose();
  return typed;
}

/**
 * Types `keys` key presses into the focused composer, one every `keyIntervalMs`, with no reply text coming: the 99th
 * percentile of their key-to-paint times and the 95th of the frames meanwhile.
 */
export async function typeKeys(
  page: Page,
  chat: ChatView,
  keys: number,
  keyIntervalMs: number,
): Promise<{ inputP99: number; frameP95: number }> {
  // The probe waits for a reply's first text, which does not come while the keys are typed: only its frames and key
  // presses are read.
  await startStreamProbe(chat.frame, 'no reply text is shown while the keys are typed');
  for (let key = 0; key < keys; key++) {
    await page.keyboard.press('x');
    await page.waitForTimeout(keyIntervalMs);
  }
  const probe = await stopStreamProbe(chat.frame);
  return { inputP99: percentile(keyPressDurations(probe.keys, keys), 99), frameP95: percentile(probe.frames, 95) };
}
