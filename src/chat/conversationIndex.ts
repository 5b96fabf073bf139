// The summaries of all stored conversations in one small file that every window shares, so the history loads without
// reading each conversation. A change re-reads the file under a lock and applies only itself, so windows never drop
// each other's entries; the first read checks the file against the folder, so a crash's leftovers repair themselves.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConversationSummary } from '../shared/protocol';
import { isValidConversationId } from './conversationFormat';
import { withFileLock } from './fileLock';
import type { ChatLog } from '../common/log';
import { describeError } from '../shared/errorText';

export const INDEX_FILE = 'index.json';
const INDEX_LOCK = 'index.lock';

/** What the index needs from the store it belongs to. */
export interface IndexStorage {
  folder: string;
  log: ChatLog;
  /** The summary of a stored conversation, or `undefined` when its file cannot be read. */
  summaryOf(id: string): Promise<ConversationSummary | undefined>;
  writeAtomically(file: string, text: string): Promise<void>;
}

interface Entries {
  summaries: Map<string, ConversationSummary>;
  /** The entries differ from the file's and should be written. */
  repaired: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSummary(value: unknown): value is ConversationSummary {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    isValidConversationId(value.id) &&
    typeof value.title === 'string' &&
    typeof value.updatedAt === 'number' &&
    typeof value.messageCount === 'number'
  );
}

function parseIndex(text: string): Map<string, ConversationSummary> {
  const parsed: unknown = JSON.parse(text);
  const entries = isRecord(parsed) && Array.isArray(parsed.conversations) ? parsed.conversations : undefined;
  if (!entries) throw new Error('it has no list of conversations');
  return new Map(entries.filter(isSummary).map((s) => [s.id, s]));
}

function tryParseIndex(text: string): Map<string, ConversationSummary> | undefined {
  try {
    return parseIndex(text);
  } catch {
    return undefined;
  }
}

/** The ids of the conversation files in `folder`. */
async function storedIds(folder: string): Promise<string[]> {
  try {
    const names = await readdir(folder);
    return names
      .filter((name) => name.endsWith('.json') && name !== INDEX_FILE)
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isValidConversationId);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export class ConversationIndex {
  /** The entries as this window last read or wrote them; `undefined` until checked against the folder. */
  private summaries: Map<string, ConversationSummary> | undefined;
  /** The file's text then, to tell another window's change from none. */
  private text: string | undefined;

  constructor(private readonly storage: IndexStorage) {}

  /** Every summary, most recently updated first, as of this window's last write or `changed()`. */
  async list(): Promise<ConversationSummary[]> {
    if (this.summaries === undefined) await this.update(() => false);
    return [...(this.summaries ?? new Map<string, ConversationSummary>()).values()].sort(
      (a, b) => b.updatedAt - a.updatedAt,
    );
  }

  /** Whether another window changed the file since this one last read or wrote it; the change is taken in. */
  async changed(): Promise<boolean> {
    const text = await this.readText();
    if (this.summaries !== undefined && text === this.text) return false;
    const fresh = this.summaries !== undefined && text !== undefined ? tryParseIndex(text) : undefined;
    if (fresh) {
      this.summaries = fresh;
      this.text = text;
    } else {
      // Not read yet, gone or damaged: checked against the folder, where the reason is logged.
      await this.update(() => false);
    }
    return true;
  }

  set(summary: ConversationSummary): Promise<void> {
    return this.update((summaries) => {
      if (JSON.stringify(summaries.get(summary.id)) === JSON.stringify(summary)) return false;
      summaries.set(summary.id, summary);
      return true;
    });
  }

  remove(id: string): Promise<void> {
    return this.update((summaries) => summaries.delete(id));
  }

  /** Applies `change` (true when it changed something) to the file's entries of the moment, under the lock. */
  private async update(change: (summaries: Map<string, ConversationSummary>) => boolean): Promise<void> {
    await mkdir(this.storage.folder, { recursive: true });
    await withFileLock(path.join(this.storage.folder, INDEX_LOCK), async () => {
      const text = await this.readText();
      const { summaries, repaired } = await this.entries(text);
      this.summaries = summaries;
      this.text = text;
      if (change(summaries) || repaired) await this.write(summaries);
    });
  }

  /** The entries of the file's `text`, checked against the folder on first read or when the file is unreadable. */
  private async entries(text: string | undefined): Promise<Entries> {
    if (this.summaries && text !== undefined && text === this.text) {
      return { summaries: this.summaries, repaired: false };
    }
    let stored: Map<string, ConversationSummary> | undefined;
    try {
      if (text !== undefined) stored = parseIndex(text);
    } catch (error) {
      this.storage.log.warn(`Rebuilding the chat history index: ${describeError(error)}`);
    }
    if (stored && this.summaries) return { summaries: stored, repaired: false };
    return this.checkAgainstFolder(stored ?? new Map<string, ConversationSummary>());
  }

  /** A file the entries miss (a write cut short) is read and added; an entry whose file is gone is dropped. */
  private async checkAgainstFolder(stored: Map<string, ConversationSummary>): Promise<Entries> {
    const ids = await storedIds(this.storage.folder);
    const summaries = new Map<string, ConversationSummary>();
    let repaired = stored.size !== ids.length;
    for (const id of ids) {
      const known = stored.get(id) ?? (await this.storage.summaryOf(id));
      if (!stored.has(id)) repaired = true;
      if (known) summaries.set(id, known);
    }
    return { summaries, repaired };
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.storage.folder, INDEX_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.storage.log.warn(`Rebuilding the chat history index: ${describeError(error)}`);
      }
      return undefined;
    }
  }

  private async write(summaries: Map<string, ConversationSummary>): Promise<void> {
    const text = JSON.stringify({ version: 1, conversations: [...summaries.values()] });
    await this.storage.writeAtomically(path.join(this.storage.folder, INDEX_FILE), text);
    this.text = text;
  }
}
