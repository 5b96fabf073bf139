// The latest exchanges, saved on their own: the questions asked and the replies (still arriving or settled) since the
// conversation's file was last written go to a small file beside it (`<id>.reply.json`, through a temporary file and
// a rename), so the cost of these saves does not grow with the conversation. Whoever reads the conversation reads
// this file with it. Once it holds about a megabyte, or anything the file holds changes, the next save rewrites the
// conversation's file with them in it and removes this one. Code that predates it ignores the file, and loses at
// most the exchanges it holds when a window crashed.
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
import type { ConversationText } from './conversationText';
import { readTextIfAny, sameStamp, stampOf, writeAtomically, type FileStamp } from './storeFiles';

/**
 * About how much text (in UTF-16 units) a journal holds before the conversation's file is rewritten to take it in:
 * enough for dozens of exchanges, little enough to write in a few milliseconds while a reply streams.
 */
export const JOURNAL_LIMIT_CHARS = 1 << 20;

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

/** What a journal holds: messages, and when the conversation last changed with them (0 when it does not say). */
export interface Journal {
  messages: ChatMessageView[];
  updatedAt: number;
}

/** The journal's text; `texts` keeps its messages' JSON from one write to the next (the settled ones do not change). */
export function journalText(
  conversationId: string,
  { messages, updatedAt }: Readonly<Journal>,
  texts: ConversationText,
): string {
  const stored = { version: JOURNAL_VERSION, conversationId, updatedAt, messages: messages.map(toStoredMessage) };
  return texts.of(conversationId, stored);
}

/** Whether messages are few enough to stay in a journal. */
export function fitsJournal(messages: readonly ChatMessageView[]): boolean {
  let chars = 0;
  for (const message of messages) chars += message.text.length + (message.reasoning?.text.length ?? 0);
  return chars <= JOURNAL_LIMIT_CHARS;
}

/**
 * Writes `ours` as the conversation's journal. When the journal is no longer the version this window last wrote or
 * read (`known`), another window wrote it meanwhile: the messages it holds that `ours` lacks are kept. Returns the new
 * journal's stamp, and whether another window's messages were kept (this window has not seen them).
 */
export async function writeJournal(
  folder: string,
  id: string,
  ours: Journal,
  known: FileStamp | undefined,
  texts: ConversationText,
): Promise<{ stamp: FileStamp | undefined; keptTheirs: boolean }> {
  const file = journalFileOf(folder, id);
  let journal = ours;
  if (!sameStamp(await stampOf(file), known)) {
    const ids = new Set(ours.messages.map((m) => m.id));
    const theirs = await readJournal(folder, id);
    const kept = theirs.messages.filter((m) => !ids.has(m.id));
    if (kept.length > 0) {
      const messages = [...kept, ...ours.messages].sort((a, b) => a.createdAt - b.createdAt);
      journal = { messages, updatedAt: Math.max(ours.updatedAt, theirs.updatedAt) };
    }
  }
  await writeAtomically(file, journalText(id, journal, texts));
  return { stamp: await stampOf(file), keptTheirs: journal !== ours };
}

/**
 * The messages a journal holds, read as messages of the conversation format (a stream behind a reply in another
 * window is unknown, so it reads as incomplete); none when there is no journal or it does not read (it is ignored).
 */
export async function readJournal(folder: string, id: string): Promise<Journal> {
  const none: Journal = { messages: [], updatedAt: 0 };
  const text = await readTextIfAny(journalFileOf(folder, id));
  if (text === undefined) return none;
  try {
    const value = JSON.parse(text) as {
      version?: unknown;
      conversationId?: unknown;
      updatedAt?: unknown;
      message?: unknown;
      messages?: unknown;
    };
    if (value.conversationId !== id) return none;
    const messages = value.version === 1 ? [value.message] : value.version === JOURNAL_VERSION ? value.messages : [];
    // The conversation format's own reader checks the messages, as it checks every stored one.
    const shell = { version: FORMAT_VERSION, id, title: '', createdAt: 0, updatedAt: 0, messages };
    const stored = readStoredConversation(shell);
    const updatedAt = typeof value.updatedAt === 'number' && Number.isFinite(value.updatedAt) ? value.updatedAt : 0;
    return stored ? { messages: fromStored(stored).messages, updatedAt } : none;
  } catch {
    return none;
  }
}

function isSettled(message: StoredMessage | ChatMessageView): boolean {
  return message.status !== 'streaming' && message.status !== 'incomplete';
}

/**
 * The conversation with the journal's messages in it: each added when the file lacks it, or put in place of the
 * file's copy when that is still unsettled and the journal's is settled or longer. A settled copy in the file is newer
 * than any journal of it.
 */
export function withJournal(conversation: Conversation, journal: Readonly<Journal>): Conversation {
  for (const message of journal.messages) withJournalMessage(conversation, message);
  if (journal.messages.length > 0) conversation.updatedAt = Math.max(conversation.updatedAt, journal.updatedAt);
  return conversation;
}

function withJournalMessage(conversation: Conversation, message: ChatMessageView): void {
  const index = conversation.messages.findIndex((m) => m.id === message.id);
  if (index === -1) {
    const after = conversation.messages.findIndex((m) => m.createdAt > message.createdAt);
    conversation.messages.splice(after < 0 ? conversation.messages.length : after, 0, message);
  } else {
    const inFile = conversation.messages[index];
    if (isSettled(inFile) || (!isSettled(message) && inFile.text.length >= message.text.length)) return;
    conversation.messages[index] = message;
  }
  conversation.updatedAt = Math.max(conversation.updatedAt, message.createdAt);
}

export async function removeJournal(folder: string, id: string): Promise<void> {
  await rm(journalFileOf(folder, id), { force: true });
}
