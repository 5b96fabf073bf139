// Key presses in the composer while the long conversation opens, as a person starts typing the next question as soon
// as it shows: its end comes first, and the messages before it come after, a page at a time, while the keys are typed.
import type { ChatView } from '../support/ui';
import { typeKeys } from './idleTyping';
import { historyEntry, newChat } from './longChat';

const KEYS = 40;

/**
 * Opens the conversation titled `title` (of `count` messages) from the history in a new chat, types into the
 * composer at once, and waits for the whole conversation: the 99th percentile of the key presses.
 */
export async function measureOpenTyping(
  chat: ChatView,
  open: { title: string; count: number },
  keyIntervalMs: number,
): Promise<number> {
  await newChat(chat);
  await (await historyEntry(chat, open.title)).click();
  await chat.input.focus();
  const typed = await typeKeys(chat.frame.page(), chat, KEYS, keyIntervalMs);
  await chat.frame.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="message"]').length >= count,
    open.count,
    { polling: 100, timeout: 60_000 },
  );
  await chat.input.fill('');
  return typed.inputP99;
}
