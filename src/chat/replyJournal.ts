// The reply still arriving, saved on its own: while a reply streams, its periodic saves write only that message to a
// small file beside the conversation's (`<id>.reply.json`, through a temporary file and a rename), so the cost of a
// save does not grow with the conversation. Whoever reads the conversation reads this file with it; the next full
// save of the conversation takes the reply in and removes the file. Code that predates it ignores the file, and loses
// at most the reply that was arriving when a window crashed.
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

/** The journal's own format version. */
const JOURNAL_VERSION = 1;
const SUFFIX = '.reply.json';

export function journalFileOf(folder: string, id: string): string {
  return path.join(folder, `${id}${SUFFIX}`);
}

/** The conversation whose reply a file in the store's folder holds, or `undefined`. */
export function conversationIdOfJournal(fileName: string): string | undefined {
  return fileName.endsWith(SUFFIX) ? fileName.slice(0, -SUFFIX.length) : undefined;
}

export function journalText(conversationId: string, reply: ChatMessageView): string {
  return JSON.stringify({ version: JOURNAL_VERSION, conversationId, message: toStoredMessage(reply) });
}

/**
 * The reply a journal holds, read as a message of the conversation format (a stream behind it in another window is
 * unknown, so it reads as incomplete); `undefined` when there is no journal or it does not read (then it is ignored).
 */
export async function readJournal(folder: string, id: string): Promise<ChatMessageView | undefined> {
  const text = await readTextIfAny(journalFileOf(folder, id));
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { version?: unknown; conversationId?: unknown; message?: unknown };
    if (value.version !== JOURNAL_VERSION || value.conversationId !== id) return undefined;
    // The conversation format's own reader checks the message, as it checks every stored one.
    const shell = { version: FORMAT_VERSION, id, title: '', createdAt: 0, updatedAt: 0, messages: [value.message] };
    const stored = readStoredConversation(shell);
    return stored ? fromStored(stored).messages[0] : undefined;
  } catch {
    return undefined;
  }
}

function isSettled(message: StoredMessage | ChatMessageView): boolean {
  return message.status !== 'streaming' && message.status !== 'incomplete';
}

/**
 * The conversation with the journal's reply in it: added when the file lacks it, or put in place of the file's copy
 * when that is still unsettled and shorter. A settled copy in the file is newer than any journal of it.
 */
export function withJournal(conversation: Conversation, reply: ChatMessageView | undefined): Conversation {
  if (!reply) return conversation;
  const index = conversation.messages.findIndex((m) => m.id === reply.id);
  if (index === -1) {
    const after = conversation.messages.findIndex((m) => m.createdAt > reply.createdAt);
    conversation.messages.splice(after < 0 ? conversation.messages.length : after, 0, reply);
  } else {
    const inFile = conversation.messages[index];
    if (isSettled(inFile) || inFile.text.length >= reply.text.length) return conversation;
    conversation.messages[index] = reply;
  }
  conversation.updatedAt = Math.max(conversation.updatedAt, reply.createdAt);
  return conversation;
}

export async function removeJournal(folder: string, id: string): Promise<void> {
  await rm(journalFileOf(folder, id), { force: true });
}
