// The latest exchange, saved on its own: the question just asked and the reply still arriving are written to a small
// file beside the conversation's (`<id>.reply.json`, through a temporary file and a rename), so the cost of these
// saves does not grow with the conversation. Whoever reads the conversation reads this file with it; the next full
// save of the conversation (once the reply settles) takes them in and removes the file. Code that predates it
// ignores the file, and loses at most the exchange that was under way when a window crashed.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChatMessageView } from '../shared/protocol';
import type { Conversation } from './conversation';
import {
  FORMAT_VERSION,
  fromStored,
  readStoredConversation,
  toStoredMessage,
  type StoredMessage,
} from './conversationFormat';
import { readTextIfAny } from './storeFiles';

/** The journal's own format version: 1 held one message (`message`), 2 holds several (`messages`). */
const JOURNAL_VERSION = 2;
const SUFFIX = '.reply.json';

export function journalFileOf(folder: string, id: string): string {
  return path.join(folder, `${id}${SUFFIX}`);
}

/** The conversation whose reply a file in the store's folder holds, or `undefined`. */
export function conversationIdOfJournal(fileName: string): string | undefined {
  return fileName.endsWith(SUFFIX) ? fileName.slice(0, -SUFFIX.length) : undefined;
}

export function journalText(conversationId: string, messages: readonly ChatMessageView[]): string {
  return JSON.stringify({ version: JOURNAL_VERSION, conversationId, messages: messages.map(toStoredMessage) });
}

/**
 * The messages a journal holds, read as messages of the conversation format (a stream behind a reply in another
 * window is unknown, so it reads as incomplete); none when there is no journal or it does not read (it is ignored).
 */
export async function readJournal(folder: string, id: string): Promise<ChatMessageView[]> {
  const text = await readTextIfAny(journalFileOf(folder, id));
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as {
      version?: unknown;
      conversationId?: unknown;
      message?: unknown;
      messages?: unknown;
    };
    if (value.conversationId !== id) return [];
    const messages = value.version === 1 ? [value.message] : value.version === JOURNAL_VERSION ? value.messages : [];
    // The conversation format's own reader checks the messages, as it checks every stored one.
    const shell = { version: FORMAT_VERSION, id, title: '', createdAt: 0, updatedAt: 0, messages };
    const stored = readStoredConversation(shell);
    return stored ? fromStored(stored).messages : [];
  } catch {
    return [];
  }
}

function isSettled(message: StoredMessage | ChatMessageView): boolean {
  return message.status !== 'streaming' && message.status !== 'incomplete';
}

/**
 * The conversation with the journal's messages in it: each added when the file lacks it, or put in place of the
 * file's copy when that is still unsettled and shorter. A settled copy in the file is newer than any journal of it.
 */
export function withJournal(conversation: Conversation, messages: readonly ChatMessageView[]): Conversation {
  for (const message of messages) withJournalMessage(conversation, message);
  return conversation;
}

function withJournalMessage(conversation: Conversation, message: ChatMessageView): void {
  const index = conversation.messages.findIndex((m) => m.id === message.id);
  if (index === -1) {
    const after = conversation.messages.findIndex((m) => m.createdAt > message.createdAt);
    conversation.messages.splice(after < 0 ? conversation.messages.length : after, 0, message);
  } else {
    const inFile = conversation.messages[index];
    if (isSettled(inFile) || inFile.text.length >= message.text.length) return;
    conversation.messages[index] = message;
  }
  conversation.updatedAt = Math.max(conversation.updatedAt, message.createdAt);
}

export async function removeJournal(folder: string, id: string): Promise<void> {
  await rm(journalFileOf(folder, id), { force: true });
}
