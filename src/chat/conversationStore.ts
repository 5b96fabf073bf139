// Conversations on disk: one JSON file per conversation plus an index of summaries, so the history list loads by
// reading one small file however many conversations there are. A damaged conversation file is skipped with a
// warning; it never takes the other conversations with it.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChatMessageView, ConversationSummary, MessageStatus } from '../shared/protocol';
import { toSummary, type Conversation } from './conversation';
import type { ChatLog } from './log';

const INDEX_FILE = 'index.json';
const ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
const STATUSES: readonly MessageStatus[] = ['streaming', 'complete', 'stopped', 'incomplete', 'error'];

/** Ids come from the webview too; only these can name a file in the store's folder. */
export function isValidConversationId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is ChatMessageView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    STATUSES.includes(value.status as MessageStatus) &&
    typeof value.createdAt === 'number' &&
    (value.error === undefined || (isRecord(value.error) && typeof value.error.message === 'string')) &&
    (value.stats === undefined || isRecord(value.stats))
  );
}

/** Returns the conversation when `value` has its shape, `undefined` otherwise. */
export function parseConversation(value: unknown): Conversation | undefined {
  if (!isRecord(value)) return undefined;
  const { id, title, createdAt, updatedAt, messages } = value;
  if (typeof id !== 'string' || !isValidConversationId(id)) return undefined;
  if (typeof title !== 'string' || typeof createdAt !== 'number' || typeof updatedAt !== 'number') return undefined;
  if (!Array.isArray(messages) || !messages.every(isMessage)) return undefined;
  return { id, title, createdAt, updatedAt, messages };
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ConversationStore {
  private summaries: Map<string, ConversationSummary> | undefined;
  /** The index on disk differs from the folder's files and should be rewritten. */
  private indexStale = false;
  /** Writes run one after another so the index never interleaves with itself. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly folder: string,
    private readonly log: ChatLog,
  ) {}

  /** Every stored conversation's summary, most recently updated first. */
  async list(): Promise<ConversationSummary[]> {
    // Writes already asked for are part of the answer.
    await this.queue;
    const summaries = await this.loadIndex();
    if (this.indexStale) {
      this.indexStale = false;
      await this.enqueue(() => this.writeIndex());
    }
    return [...summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** The stored conversation, or `undefined` when there is none or it is damaged (then it is logged and unlisted). */
  async load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) return undefined;
    const conversation = await this.readConversation(id);
    if (!conversation) {
      const summaries = await this.loadIndex();
      if (summaries.delete(id)) await this.enqueue(() => this.writeIndex());
    }
    return conversation;
  }

  save(conversation: Conversation): Promise<void> {
    const snapshot = JSON.stringify(conversation);
    const summary = toSummary(conversation);
    return this.enqueue(async () => {
      const summaries = await this.loadIndex();
      await this.writeAtomically(this.fileOf(conversation.id), snapshot);
      summaries.set(summary.id, summary);
      await this.writeIndex();
    });
  }

  delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) return Promise.resolve();
    return this.enqueue(async () => {
      const summaries = await this.loadIndex();
      await rm(this.fileOf(id), { force: true });
      summaries.delete(id);
      await this.writeIndex();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private fileOf(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }

  private async readConversation(id: string): Promise<Conversation | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log.warn(`Skipped stored conversation ${id}: ${describe(error)}`);
      }
      return undefined;
    }
    try {
      const conversation = parseConversation(JSON.parse(text));
      if (conversation?.id === id) return conversation;
      this.log.warn(`Skipped stored conversation ${id}: it does not have the shape of a conversation.`);
    } catch (error) {
      this.log.warn(`Skipped stored conversation ${id}: ${describe(error)}`);
    }
    return undefined;
  }

  /**
   * The index, checked against the folder's files: a file the index misses (a write cut short) is read and added,
   * an entry whose file is gone is dropped. Never writes: it also runs inside queued writes.
   */
  private async loadIndex(): Promise<Map<string, ConversationSummary>> {
    if (this.summaries) return this.summaries;
    const stored = await this.readIndex();
    const ids = await this.storedIds();
    const summaries = new Map<string, ConversationSummary>();
    let changed = stored.size !== ids.length;
    for (const id of ids) {
      const known = stored.get(id);
      if (known) {
        summaries.set(id, known);
        continue;
      }
      changed = true;
      const conversation = await this.readConversation(id);
      if (conversation) summaries.set(id, toSummary(conversation));
    }
    // Another call may have filled the cache while this one awaited; the first result wins.
    if (this.summaries) return this.summaries;
    this.summaries = summaries;
    this.indexStale = changed;
    return summaries;
  }

  private async readIndex(): Promise<Map<string, ConversationSummary>> {
    let text: string;
    try {
      text = await readFile(path.join(this.folder, INDEX_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log.warn(`Rebuilding the chat history index: ${describe(error)}`);
      }
      return new Map();
    }
    try {
      const parsed: unknown = JSON.parse(text);
      const entries = isRecord(parsed) && Array.isArray(parsed.conversations) ? parsed.conversations : undefined;
      if (!entries) throw new Error('it has no list of conversations');
      return new Map(entries.filter(isSummary).map((s) => [s.id, s]));
    } catch (error) {
      this.log.warn(`Rebuilding the chat history index: ${describe(error)}`);
      return new Map();
    }
  }

  private async storedIds(): Promise<string[]> {
    try {
      const names = await readdir(this.folder);
      return names
        .filter((name) => name.endsWith('.json') && name !== INDEX_FILE)
        .map((name) => name.slice(0, -'.json'.length))
        .filter(isValidConversationId);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async writeIndex(): Promise<void> {
    const conversations = [...(this.summaries ?? new Map<string, ConversationSummary>()).values()];
    await this.writeAtomically(path.join(this.folder, INDEX_FILE), JSON.stringify({ version: 1, conversations }));
  }

  /** Write to a temporary file, then rename: a crash mid-write leaves the previous version, not half a file. */
  private async writeAtomically(file: string, text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  }
}
