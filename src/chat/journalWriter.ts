// Writes conversations' journals (src/chat/replyJournal.ts). While a journal is as this window last left it, a save
// appends a record of the messages that changed since (of a grown text, what was added), so saving the reply just
// settled does not write again the exchanges before it, nor a streaming reply what an earlier save wrote of it.
// Otherwise (another window wrote it, a message left it, it grew past its limit) the journal is written anew, through
// a temporary file and a rename, with what another window added kept.
import { appendFile } from 'node:fs/promises';
import { toStoredMessage, type StoredMessage } from './conversationFormat';
import { sameSignature } from './conversationMerge';
import {
  JOURNAL_LIMIT_CHARS,
  journalEntry,
  journalFileOf,
  textLength,
  journalRecord,
  journalText,
  readJournal,
  removeJournal,
  type Journal,
} from './replyJournal';
import { sameStamp, stampOf, writeAtomically, type FileStamp } from './storeFiles';

/**
 * How large a journal grows by records before it is written anew with each message once: twice the limit, or twice
 * its messages' text when that is more (a reply of megabytes streaming in then adds what arrived, save after save).
 */
function appendLimit(messages: readonly StoredMessage[]): number {
  return 2 * Math.max(JOURNAL_LIMIT_CHARS, textLength(messages));
}

/** A journal as this window last wrote it: its version, and the messages it holds. */
interface Written {
  stamp: FileStamp | undefined;
  messages: Map<string, StoredMessage>;
}

export class JournalWriter {
  private readonly written = new Map<string, Written>();

  constructor(private readonly folder: string) {}

  /**
   * Saves `ours` (every message the conversation's file lacks) as the conversation's journal. When the journal is no
   * longer the version this window last wrote or read (`known`), another window wrote it meanwhile: the messages it
   * holds that `ours` lacks are kept. Returns the new journal's stamp, and whether another window's messages were kept
   * (this window has not seen them).
   */
  async write(
    id: string,
    ours: Journal,
    known: FileStamp | undefined,
  ): Promise<{ stamp: FileStamp | undefined; keptTheirs: boolean }> {
    const file = journalFileOf(this.folder, id);
    const current = await stampOf(file);
    const stored = ours.messages.map(toStoredMessage);
    const mine = this.written.get(id);
    if (mine && current && sameStamp(current, known) && sameStamp(current, mine.stamp)) {
      const changed = changedSince(mine.messages, stored);
      const entries = changed && [...changed].map((i) => journalEntry(mine.messages.get(stored[i].id), stored[i]));
      // Measured by their text before any is encoded, which only the record that is written is.
      if (entries && current.size + textLength(entries) <= appendLimit(stored)) {
        await appendFile(file, journalRecord(ours.updatedAt, entries));
        for (const i of changed) mine.messages.set(stored[i].id, stored[i]);
        mine.stamp = await stampOf(file);
        return { stamp: mine.stamp, keptTheirs: false };
      }
    }
    let journal = ours;
    if (!sameStamp(current, known)) {
      const ids = new Set(ours.messages.map((m) => m.id));
      const theirs = await readJournal(this.folder, id);
      const kept = theirs.messages.filter((m) => !ids.has(m.id));
      if (kept.length > 0) {
        const messages = [...kept, ...ours.messages].sort((a, b) => a.createdAt - b.createdAt);
        journal = { messages, updatedAt: Math.max(ours.updatedAt, theirs.updatedAt) };
      }
    }
    const written = journal === ours ? stored : journal.messages.map(toStoredMessage);
    await writeAtomically(file, journalText(id, journal.updatedAt, written));
    const stamp = await stampOf(file);
    this.written.set(id, { stamp, messages: new Map(written.map((m) => [m.id, m])) });
    return { stamp, keptTheirs: journal !== ours };
  }

  /** Removes the journal: the conversation's file holds its messages now. */
  async remove(id: string): Promise<void> {
    this.written.delete(id);
    await removeJournal(this.folder, id);
  }

  forget(id: string): void {
    this.written.delete(id);
  }
}

/**
 * The indexes of the messages of `ours` that differ from the journal's copies; `undefined` when the journal holds a
 * message `ours` lacks (one removed from the conversation must leave the journal, which only a new one does).
 */
function changedSince(
  journal: ReadonlyMap<string, StoredMessage>,
  ours: readonly StoredMessage[],
): Set<number> | undefined {
  const ids = new Set(ours.map((m) => m.id));
  for (const id of journal.keys()) if (!ids.has(id)) return undefined;
  const changed = new Set<number>();
  ours.forEach((message, i) => {
    if (!sameSignature(journal.get(message.id), message)) changed.add(i);
  });
  return changed;
}
