// The latest exchanges, saved on their own: the questions asked and the replies (still arriving or settled) since the
// conversation's file was last written go to a small file beside it (`<id>.reply.json`), so the cost of these saves
// does not grow with the conversation; each save adds only the messages that changed (src/chat/journalWriter.ts).
// Whoever reads the conversation reads this file with it. Once it holds about a megabyte, or anything the file holds
// changes, the next save rewrites the conversation's file with them in it and removes this one. Code that predates it
// ignores the file, and loses at most the exchanges it holds when a window crashed.
import path from 'node:path';
import type { ChatMessageView } from '../shared/protocol';
import type { Conversation } from './conversation';
import { FORMAT_VERSION, fromStored, readStoredConversation, type StoredMessage } from './conversationFormat';
import { readTextIfAny, removeFile } from './storeFiles';

/**
 * About how much text (in UTF-16 units) a journal holds before the conversation's file is rewritten to take it in:
 * enough for dozens of exchanges, little enough to write in a few milliseconds while a reply streams.
 */
export const JOURNAL_LIMIT_CHARS = 1 << 20;

/**
 * The journal's own format version: 1 held one message (`message`), 2 several (`messages`), in one JSON object; 3 is
 * a header line and a line per save (src/chat/journalWriter.ts appends to it).
 */
const JOURNAL_VERSION = 3;
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

/**
 * A journal's text: a line naming the conversation, then its records. Each record is a line of the messages written
 * at one save, starting with a line break: one torn by a crash stays alone on its line, where it is skipped.
 */
export function journalText(conversationId: string, updatedAt: number, messages: readonly StoredMessage[]): string {
  return JSON.stringify({ version: JOURNAL_VERSION, conversationId }) + journalRecord(updatedAt, messages);
}

/**
 * A message as a record holds it: whole, or with only the text added since the journal's copy (`textFrom`: it goes
 * after the copy's first `textFrom` characters), and so for its reasoning (`reasoningFrom`). A reply streaming in is
 * saved once a second; each save then writes what arrived since, not the whole reply again.
 */
export type JournalEntry = StoredMessage & { textFrom?: number; reasoningFrom?: number };

/** A record to add to a journal: messages already in the stored form. */
export function journalRecord(updatedAt: number, messages: readonly JournalEntry[]): string {
  return `\n${JSON.stringify({ updatedAt, messages })}`;
}

/** `message` as a record holds it after `before` (the journal's copy): its text and reasoning as what was added. */
export function journalEntry(before: StoredMessage | undefined, message: StoredMessage): JournalEntry {
  if (!before) return message;
  let entry: JournalEntry = message;
  if (message.text.startsWith(before.text)) {
    entry = { ...entry, text: message.text.slice(before.text.length), textFrom: before.text.length };
  }
  const was = before.reasoning?.text;
  const { reasoning } = message;
  if (was !== undefined && reasoning?.text.startsWith(was)) {
    entry = {
      ...entry,
      reasoning: { ...reasoning, text: reasoning.text.slice(was.length) },
      reasoningFrom: was.length,
    };
  }
  return entry;
}

/** The length of the messages' text and reasoning: about the size of their JSON. */
export function textLength(messages: readonly { text: string; reasoning?: { text: string } }[]): number {
  let chars = 0;
  for (const message of messages) chars += message.text.length + (message.reasoning?.text.length ?? 0);
  return chars;
}

/** Whether messages are few enough to stay in a journal. */
export function fitsJournal(messages: readonly ChatMessageView[]): boolean {
  return textLength(messages) <= JOURNAL_LIMIT_CHARS;
}

/**
 * The messages a journal holds, read as messages of the conversation format (a stream behind a reply in another
 * window is unknown, so it reads as incomplete); none when there is no journal or it does not read (it is ignored).
 * A message in several records reads as the last of them.
 */
export async function readJournal(folder: string, id: string): Promise<Journal> {
  const text = await readTextIfAny(journalFileOf(folder, id));
  const lines = text === undefined ? [] : text.split('\n');
  const header = parseLine(lines[0]);
  if (header?.conversationId !== id) return { messages: [], updatedAt: 0 };
  // The formats before this one held a single record, in the same line as the header; a later one is not read.
  const older = header.version === 1 || header.version === 2;
  const records = header.version === JOURNAL_VERSION ? lines.slice(1).map(parseLine) : older ? [header] : [];
  const messages = new Map<string, ChatMessageView>();
  let updatedAt = 0;
  for (const record of records) {
    const read = record && readRecord(id, record);
    if (!read) continue;
    read.messages.forEach((message, i) => {
      const whole = withEarlierText(message, read.continues[i], messages.get(message.id));
      if (whole) messages.set(message.id, whole);
    });
    updatedAt = Math.max(updatedAt, read.updatedAt);
  }
  return { messages: [...messages.values()].sort((a, b) => a.createdAt - b.createdAt), updatedAt };
}

interface JournalLine {
  version?: unknown;
  conversationId?: unknown;
  updatedAt?: unknown;
  message?: unknown;
  messages?: unknown;
}

function parseLine(line: string | undefined): JournalLine | undefined {
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as JournalLine) : undefined;
  } catch {
    return undefined;
  }
}

/** Where an entry's text and reasoning go after the earlier copy's (`undefined`: the entry holds them whole). */
interface Continues {
  text?: number;
  reasoning?: number;
}

/**
 * A record's messages, checked by the conversation format's own reader as every stored message is, and for each
 * where its text and reasoning continue the earlier copy's.
 */
function readRecord(id: string, record: JournalLine): (Journal & { continues: Continues[] }) | undefined {
  const messages = record.version === 1 ? [record.message] : record.messages;
  const shell = { version: FORMAT_VERSION, id, title: '', createdAt: 0, updatedAt: 0, messages };
  const stored = readStoredConversation(shell);
  const { updatedAt } = record;
  if (!stored || !Array.isArray(messages)) return undefined;
  return {
    messages: fromStored(stored).messages,
    continues: messages.map((entry: unknown) => {
      const { textFrom, reasoningFrom } = entry as { textFrom?: unknown; reasoningFrom?: unknown };
      return { text: lengthOrInvalid(textFrom), reasoning: lengthOrInvalid(reasoningFrom) };
    }),
    updatedAt: typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : 0,
  };
}

/** A field that is not a length reads as -1, which no earlier copy's text has. */
function lengthOrInvalid(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : -1;
}

/**
 * The message a record's entry stands for: the entry itself, or with the earlier copy's text (and reasoning) before
 * its own. `undefined` when the earlier copy is missing or shorter (a record between was lost) or a length is not
 * one: the earlier copy stands.
 */
function withEarlierText(
  message: ChatMessageView,
  continues: Continues,
  earlier: ChatMessageView | undefined,
): ChatMessageView | undefined {
  const text = joined(earlier?.text, continues.text, message.text);
  if (text === undefined) return undefined;
  if (!message.reasoning) return continues.reasoning === undefined ? { ...message, text } : undefined;
  const reasoning = joined(earlier?.reasoning?.text, continues.reasoning, message.reasoning.text);
  if (reasoning === undefined) return undefined;
  return { ...message, text, reasoning: { ...message.reasoning, text: reasoning } };
}

/** `added` after the first `from` characters of `earlier`; `added` alone without `from`. */
function joined(earlier: string | undefined, from: number | undefined, added: string): string | undefined {
  if (from === undefined) return added;
  if (earlier === undefined || from < 0 || earlier.length < from) return undefined;
  return earlier.slice(0, from) + added;
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
  await removeFile(journalFileOf(folder, id));
}
