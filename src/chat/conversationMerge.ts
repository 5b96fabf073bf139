// How two copies of one conversation become one when several windows write it: a three-way merge by message id
// against the version this window last read from or wrote to disk. A message this window changed since then keeps
// its change, a message only the other copy has is kept, one the other copy removed (and this one left alone) goes.
import type { ChatMessageView } from '../shared/protocol';
import type { Conversation } from './conversation';
import { toStoredContext } from './contextFormat';
import { toStoredMessage, type StoredMessage } from './conversationFormat';
import { sameJson } from './sameJson';
import { isStoredFormOf } from './storedForm';

/** What a copy held when it was last in step with the disk, reduced to what the merge compares. */
export interface MergeBase {
  title: string;
  /** The pinned context's stored form. */
  context: string;
  /** Each message's stored form, by id; brought up to date in place as messages are written (`markWritten`). */
  messages: Map<string, Signature>;
}

/**
 * What the merge compares of a message: its stored form, compared field by field. Texts are compared as they are,
 * never encoded first (encoding them made up most of the cost of saving a long conversation).
 */
export type Signature = StoredMessage;

function signature(message: ChatMessageView): Signature {
  return toStoredMessage(message);
}

export function sameSignature(a: Signature | undefined, b: Signature | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameJson(a, b));
}

function contextSignature(conversation: Conversation): string {
  return JSON.stringify((conversation.context ?? []).map(toStoredContext));
}

export function baseOf(conversation: Conversation): MergeBase {
  return {
    title: conversation.title,
    context: contextSignature(conversation),
    messages: new Map(conversation.messages.map((m) => [m.id, signature(m)])),
  };
}

/** Puts `message` before the first of `messages` created after it, so each copy's own order is never changed. */
function insertByCreation(messages: ChatMessageView[], message: ChatMessageView): void {
  const after = messages.findIndex((m) => m.createdAt > message.createdAt);
  messages.splice(after < 0 ? messages.length : after, 0, message);
}

/**
 * `ours` merged with `theirs`, both descended from `base` (`undefined`: nothing in common, so all of ours counts as
 * changed). Ours keeps its order; a message only theirs has goes in where its creation time puts it. Wherever the
 * result has ours' content it has ours' object, so a message that is streaming into `ours` stays the one in it.
 */
export function mergeConversations(
  base: MergeBase | undefined,
  ours: Conversation,
  theirs: Conversation,
): Conversation {
  const theirsById = new Map(theirs.messages.map((m) => [m.id, m]));
  const pick = (mine: ChatMessageView | undefined, id: string): ChatMessageView | undefined => {
    const before = base?.messages.get(id);
    const mineSignature = mine && signature(mine);
    if (!sameSignature(mineSignature, before)) return mine;
    const other = theirsById.get(id);
    return other && sameSignature(signature(other), mineSignature) ? mine : other;
  };
  const messages = ours.messages
    .map((mine) => pick(mine, mine.id))
    .filter((m): m is ChatMessageView => m !== undefined);
  const oursIds = new Set(ours.messages.map((m) => m.id));
  for (const other of theirs.messages) {
    if (!oursIds.has(other.id) && pick(undefined, other.id)) insertByCreation(messages, other);
  }
  const context = contextSignature(ours) !== base?.context ? ours.context : theirs.context;
  return {
    id: ours.id,
    title: ours.title !== base?.title ? ours.title : theirs.title,
    ...(context && context.length > 0 ? { context } : {}),
    createdAt: Math.min(ours.createdAt, theirs.createdAt),
    updatedAt: Math.max(ours.updatedAt, theirs.updatedAt),
    messages,
  };
}

/**
 * Gives `target` the contents of `source` (a merge result of it), keeping the conversation object and its message
 * list that the chat and its views hold. Returns whether what a view shows (title, context or messages) changed.
 */
export function adoptMerge(target: Conversation, source: Conversation): boolean {
  const changed =
    target.title !== source.title ||
    contextSignature(target) !== contextSignature(source) ||
    target.messages.length !== source.messages.length ||
    source.messages.some((message, i) => target.messages[i] !== message);
  target.title = source.title;
  if (source.context) target.context = source.context;
  else delete target.context;
  target.createdAt = source.createdAt;
  target.updatedAt = source.updatedAt;
  target.messages.splice(0, target.messages.length, ...source.messages);
  return changed;
}

/**
 * The messages a conversation's journal must hold for the conversation as it is now to be on disk without its file
 * being rewritten: those the file lacks (`inFile`: the ids it holds). `undefined` when anything the file holds changed
 * since it was last read or written (`base`): a message, the title, the pinned context.
 */
export function outsideFile(
  conversation: Conversation,
  base: MergeBase,
  inFile: ReadonlySet<string>,
): ChatMessageView[] | undefined {
  if (conversation.title !== base.title || contextSignature(conversation) !== base.context) return undefined;
  const outside: ChatMessageView[] = [];
  let inBoth = 0;
  for (const message of conversation.messages) {
    if (!inFile.has(message.id)) outside.push(message);
    else if (isStoredFormOf(base.messages.get(message.id), message)) inBoth++;
    else return undefined;
  }
  return inBoth === inFile.size ? outside : undefined;
}

/**
 * Records in `base` that `messages` are on disk as they are now, written beside the file. A reply still streaming is
 * left out: another window reads it as cut short, and writing that back is no change to take from it. The base changes
 * in place: its readers take it and use it in one synchronous step, and copying a base of thousands of messages at
 * every settled reply was the largest allocation of the reply's save (650 KB a reply in a conversation of 2,000).
 */
export function markWritten(base: MergeBase, messages: readonly ChatMessageView[]): void {
  for (const message of messages) {
    if (message.status !== 'streaming') base.messages.set(message.id, signature(message));
  }
}
