// Key presses in the composer while a reply is awaited, as a person types the next question while the model thinks:
// the question is sent, the server holds the reply's first byte, and keys are typed once the host's state shows the
// reply awaited. (Enter and the keys right after it, before that state arrives, count in long.inputLatencyP99Ms.)
import type { Page } from 'playwright-core';
import type { ChatView } from '../support/ui';
import { typeKeys } from './idleTyping';
import { waitForNewReply } from './longProbes';
import type { ReplyServer } from './replyServer';

const KEYS = 15;

/** One question answered after a wait: the 99th percentile of the key presses typed during the wait. */
export async function measureWaitTyping(
  page: Page,
  chat: ChatView,
  replies: ReplyServer,
  keyIntervalMs: number,
): Promise<number> {
  const previous = await chat.lastReply().getAttribute('data-message-id');
  const input = await chat.input.elementHandle();
  if (!input) throw new Error('the composer is not there');
  const question = `Wait run ${replies.requests() + 1}`;
  await input.click();
  await input.fill(question);
  const release = replies.holdNext('first');
  await page.keyboard.press('Enter');
  try {
    // The host's state shows the question and the reply awaited (the question alone shows at once, from the page).
    await chat.frame.waitForFunction(
      (text) => {
        const messages = [...document.querySelectorAll('[data-testid="message"]')];
        const last = messages.at(-1);
        return (
          last?.getAttribute('data-role') === 'assistant' &&
          last.getAttribute('data-status') === 'streaming' &&
          messages.at(-2)?.textContent?.includes(text) === true
        );
      },
      question,
      { polling: 'raf', timeout: 30_000 },
    );
    return (await typeKeys(page, chat, KEYS, keyIntervalMs)).inputP99;
  } finally {
    release();
    await waitForNewReply(chat, previous);
    await input.fill('');
    await input.dispose();
  }
}
