// The steps of the long bench that move the chat between conversations, shared by its figures.
import type { Locator } from 'playwright-core';
import type { ChatView } from '../support/ui';

/** Starts a new chat and waits until the previous conversation's messages are gone. */
export async function newChat(chat: ChatView): Promise<void> {
  await chat.by('new-chat').click();
  await chat.messages().first().waitFor({ state: 'detached', timeout: 60_000 });
}

/** The history's open button of the conversation titled `title`, with the history shown. */
export async function historyEntry(chat: ChatView, title: string): Promise<Locator> {
  if (!(await chat.by('history-panel').isVisible())) await chat.by('history').click();
  return chat.by('history-item').filter({ hasText: title }).locator('[data-testid="history-open"]');
}
