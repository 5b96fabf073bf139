// Conversations on disk, shared by every window: one file per conversation plus an index of summaries. Each save
// merges this window's copy with the file of the moment under a lock, and writes through a temporary file and a
// rename, so no window loses another's messages and a crash leaves the previous version, never half a file. A file
// that nobody but this window wrote since its last write is not read back: its copy in memory is what it holds.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ChatMessageView, ConversationSummary } from '../shared/protocol';
import { copyMessage, snapshotOf, toSummary, type Conversation } from './conversation';
import { parseConversationFile } from './conversationFile';
import { describeError } from '../shared/errorText';
import { fromStored, isValidConversationId, toStored } from './conversationFormat';
import { ConversationIndex, INDEX_FILE } from './conversationIndex';
import { adoptMerge, baseOf, markWritten, mergeConversations, outsideFile, type MergeBase } from './conversationMerge';
import { ConversationText } from './conversationText';
import { withFileLock } from './fileLock';
import { JournalWriter } from './journalWriter';
import { StoreQueue } from './storeQueue';
import { readTextIfAny, removeFile, sameStamp, stampOf, writeAtomically, type Stamps } from './storeFiles';
import {
  conversationIdOfJournal,
  fitsJournal,
  journalFileOf,
  readJournal,
  withJournal,
  type Journal,
} from './replyJournal';
import type { Disposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';
import { t } from '../shared/l10n';

/**
 * What syncing a conversation with its file did to the copy in memory: nothing new (`current`), took in another
 * window's changes (`merged`), or found that another window deleted it (`deleted`).
 */
export type SyncOutcome = 'current' | 'merged' | 'deleted';

/** Reports a change in the store's folder by file name (`undefined` when the platform does not say which file). */
export type WatchStorage = (onChange: (fileName: string | undefined) => void) => Disposable;

/** The conversation a file in the store's folder holds; `undefined` for the index, temporary and lock files. */
export function conversationIdOfFile(fileName: string): string | undefined {
  if (!fileName.endsWith('.json') || fileName === INDEX_FILE) return undefined;
  const id = conversationIdOfJournal(fileName) ?? fileName.slice(0, -'.json'.length);
  return isValidConversationId(id) ? id : undefined;
}

export class ConversationStore {
  private readonly index: ConversationIndex;
  /** Per conversation, what its file held when this window last read or wrote it. */
  private readonly bases = new Map<string, MergeBase>();
  /** Per conversation, the ids of the messages its file held when this window last read or wrote it. */
  private readonly inFile = new Map<string, ReadonlySet<string>>();
  /** Per conversation, the version of its file and of its reply journal this window last read or wrote. */
  private readonly stamps = new Map<string, Stamps>();
  private readonly texts = new ConversationText();
  private readonly journals: JournalWriter;
  /** Conversations deleted here or by another window: a late save must not bring them back. */
  private readonly deleted = new Set<string>();
  /** Refreshes are asked for by key, so a burst of change reports reads each file once. */
  private readonly queue = new StoreQueue();

  constructor(
    private readonly folder: string,
    private readonly log: ChatLog,
  ) {
    this.journals = new JournalWriter(folder);
    this.index = new ConversationIndex({
      folder,
      log,
      summaryOf: async (id) => {
        const conversation = await this.read(id);
        return conversation && toSummary(conversation);
      },
      writeAtomically,
    });
  }

  /** Every stored conversation's summary, most recently updated first. */
  list(): Promise<ConversationSummary[]> {
    // Queued, so writes already asked for are part of the answer.
    return this.queue.enqueue(() => this.index.list());
  }

  /** Whether another window changed the list of conversations since this window last looked. */
  historyChanged(): Promise<boolean> {
    return this.queue.once(INDEX_FILE, () => this.index.changed());
  }

  /** The stored conversation, or `undefined` when there is none or it is damaged (then it is logged and unlisted). */
  load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) return Promise.resolve(undefined);
    return this.queue.enqueue(async () => {
      // Taken before the read: a write in between makes the stamps older than what was read, never newer.
      const stamps = await this.stampsOf(id).catch(() => undefined);
      const conversation = await this.read(id);
      if (conversation) {
        this.bases.set(id, baseOf(conversation));
        if (stamps) this.stamps.set(id, stamps);
      } else await this.index.remove(id);
      return conversation;
    });
  }

  /**
   * Writes the conversation as it is now, merged with what other windows wrote meanwhile; their changes are merged
   * into `conversation` too, except where it changed again while the write was waiting its turn.
   */
  save(conversation: Conversation): Promise<SyncOutcome> {
    // The copy is taken now when nothing runs ahead of this save, so the file holds what the chat had when it asked.
    // Otherwise it is taken when this save's turn comes: what runs ahead may merge other windows' changes into the
    // conversation, and a copy from before that would read as this window undoing them.
    const early = this.queue.queued === 0 ? snapshotOf(conversation) : undefined;
    return this.queue.enqueue(() => this.writeWhole(conversation, early));
  }

  /**
   * Saves a conversation whose latest reply just settled. While only messages its file lacks changed since this
   * window last read or wrote it, and they are few, they go beside the file, so ending a reply does not rewrite a
   * long conversation; otherwise, or when another window wrote meanwhile, it is saved as `save` does.
   */
  saveSettled(conversation: Conversation): Promise<SyncOutcome> {
    const { id } = conversation;
    return this.queue.enqueue(async () => {
      const base = this.bases.get(id);
      const inFile = this.inFile.get(id);
      const outside = base && inFile && outsideFile(conversation, base, inFile);
      if (!outside || !fitsJournal(outside) || this.deleted.has(id)) return this.writeWhole(conversation);
      const journal = { messages: outside.map(copyMessage), updatedAt: conversation.updatedAt };
      const summary = toSummary(conversation);
      await mkdir(this.folder, { recursive: true });
      const written = await withFileLock(this.lockOf(id), async () => {
        if (!this.asLeft(id, await this.stampsOf(id))) return false;
        await this.writeJournal(id, journal);
        return true;
      });
      if (!written) return this.writeWhole(conversation);
      await this.index.set(summary);
      return 'current';
    });
  }

  private async writeWhole(conversation: Conversation, early?: Conversation): Promise<SyncOutcome> {
    const { id } = conversation;
    const ours = early ?? snapshotOf(conversation);
    if (this.deleted.has(id)) return 'deleted';
    await mkdir(this.folder, { recursive: true });
    return withFileLock(this.lockOf(id), async () => {
      const stamps = await this.stampsOf(id);
      if (stamps.file === undefined && this.bases.has(id)) return this.forget(id);
      const unchanged = this.asLeft(id, stamps);
      const merged = unchanged ? ours : await this.mergeWithFile(id, ours);
      const written = toStored(merged);
      await writeAtomically(this.fileOf(id), this.texts.pieces(written));
      // The file now holds the messages a journal kept, merged with everything else.
      await this.journals.remove(id);
      this.stamps.set(id, { file: await stampOf(this.fileOf(id)), journal: undefined });
      this.bases.set(id, baseOf(fromStored(written)));
      this.inFile.set(id, new Set(written.messages.map((m) => m.id)));
      await this.index.set(toSummary(merged));
      // Nothing came from other windows when the file was as this window left it.
      if (unchanged) return 'current';
      return adoptMerge(conversation, mergeConversations(baseOf(ours), conversation, merged)) ? 'merged' : 'current';
    });
  }

  /** `ours` merged with what the file and its journal hold now; a file that does not read is replaced by `ours`. */
  private async mergeWithFile(id: string, ours: Conversation): Promise<Conversation> {
    const text = await readTextIfAny(this.fileOf(id));
    const theirs =
      text === undefined ? undefined : await this.withJournal(id, parseConversationFile(id, text, this.log));
    if (theirs === 'newer') {
      throw new Error(t('it was saved by a newer version of the extension; update the extension to open it.'));
    }
    return theirs ? mergeConversations(this.bases.get(id), ours, theirs) : ours;
  }

  private async stampsOf(id: string): Promise<Stamps> {
    return { file: await stampOf(this.fileOf(id)), journal: await stampOf(journalFileOf(this.folder, id)) };
  }

  /** The files are as this window last read or wrote them: nobody else wrote since. */
  private asLeft(id: string, stamps: Stamps): boolean {
    const mine = this.stamps.get(id);
    return mine !== undefined && sameStamp(stamps.file, mine.file) && sameStamp(stamps.journal, mine.journal);
  }

  /** Whether this window has read or written the conversation's file, which `saveLatest` adds to. */
  holds(id: string): boolean {
    return this.bases.has(id);
  }

  /**
   * Saves beside the conversation's file only the messages it lacks, and `latest` (the question just asked, or the
   * reply streaming in). A later save rewrites the file with them once they grow large or something else changes.
   */
  saveLatest(conversation: Conversation, latest: ChatMessageView): Promise<void> {
    const { id } = conversation;
    const inFile = this.inFile.get(id);
    // Copied now: the reply streams on into its object while the write waits its turn.
    const messages = conversation.messages.filter((m) => m === latest || !inFile?.has(m.id)).map(copyMessage);
    const journal = { messages, updatedAt: conversation.updatedAt };
    return this.queue.enqueue(async () => {
      if (this.deleted.has(id)) return;
      await mkdir(this.folder, { recursive: true });
      await withFileLock(this.lockOf(id), () => this.writeJournal(id, journal));
    });
  }

  /** Writes the journal; the disk then holds `messages` as they are now, beside the file. */
  private async writeJournal(id: string, journal: Journal): Promise<void> {
    const stamps = this.stamps.get(id);
    const { stamp, keptTheirs } = await this.journals.write(id, journal, stamps?.journal);
    const base = this.bases.get(id);
    if (base) markWritten(base, journal.messages);
    // With another window's messages in it, the journal is not as this window left it: a save merges them first.
    if (keptTheirs) this.stamps.delete(id);
    else if (stamps) stamps.journal = stamp;
  }

  /** Takes in what other windows saved of a conversation this window holds. */
  refresh(conversation: Conversation): Promise<SyncOutcome> {
    const { id } = conversation;
    return this.queue.once(id, async () => {
      if (this.deleted.has(id)) return 'deleted';
      // This window's own writes are reported too: a file as this window left it holds nothing new.
      const stamps = await this.stampsOf(id);
      if (this.asLeft(id, stamps)) return 'current';
      const text = await readTextIfAny(this.fileOf(id));
      if (text === undefined) return this.bases.has(id) ? this.forget(id) : 'current';
      const stored = await this.withJournal(id, parseConversationFile(id, text, this.log));
      if (!stored || stored === 'newer') return 'current';
      const merged = mergeConversations(this.bases.get(id), conversation, stored);
      this.bases.set(id, baseOf(stored));
      // Taken before the read, so never newer than what was read.
      this.stamps.set(id, stamps);
      return adoptMerge(conversation, merged) ? 'merged' : 'current';
    });
  }

  delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) return Promise.resolve();
    return this.queue.enqueue(async () => {
      this.forget(id);
      await mkdir(this.folder, { recursive: true });
      await withFileLock(this.lockOf(id), async () => {
        await removeFile(this.fileOf(id));
        await this.journals.remove(id);
        await this.index.remove(id);
      });
    });
  }

  private forget(id: string): 'deleted' {
    this.bases.delete(id);
    this.inFile.delete(id);
    this.stamps.delete(id);
    this.texts.forget(id);
    this.journals.forget(id);
    this.deleted.add(id);
    return 'deleted';
  }

  private fileOf(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }

  private lockOf(id: string): string {
    return path.join(this.folder, `${id}.lock`);
  }

  /** The stored conversation, or `undefined` when it is missing or cannot be read (which is logged). */
  private async read(id: string): Promise<Conversation | undefined> {
    let text: string | undefined;
    try {
      text = await readTextIfAny(this.fileOf(id));
    } catch (error) {
      this.log.warn(`Skipped stored conversation ${id}: ${describeError(error)}`);
    }
    const conversation = text === undefined ? undefined : parseConversationFile(id, text, this.log);
    if (conversation === 'newer' || conversation === undefined) return undefined;
    try {
      return await this.withJournal(id, conversation);
    } catch (error) {
      this.log.warn(`Skipped the reply saved apart for conversation ${id}: ${describeError(error)}`);
      return conversation;
    }
  }

  /** A parsed file's conversation with the messages its journal holds, if any; notes which messages the file holds. */
  private async withJournal<T extends Conversation | 'newer' | undefined>(id: string, parsed: T): Promise<T> {
    if (parsed === undefined || parsed === 'newer') return parsed;
    const conversation = parsed as Conversation;
    this.inFile.set(id, new Set(conversation.messages.map((m) => m.id)));
    return withJournal(conversation, await readJournal(this.folder, id)) as T;
  }
}
