// What the webview already shows of the conversation on screen, so that a new state carries only the messages that
// changed since the last one (a reply starting in a conversation of thousands of messages adds two), with the order
// of all of them. The first state of a long conversation carries only its end; the next brings the messages before.
import type { ChatMessageView } from '../shared/protocol';
import { copyMessage } from './conversation';
import { sameJson } from './sameJson';

export interface StateMessages {
  messages: ChatMessageView[];
  /** Present when the webview shows this conversation already: then `messages` holds only what changed. */
  order?: string[];
  /** How many messages keep their places at the start: `order` lists the ids after them. */
  orderKept?: number;
  /** How many messages before `messages` the first state of a long conversation leaves out. */
  earlier?: number;
}

/**
 * How many of its last messages the first state of a conversation carries: more than a screenful of the longest
 * replies, and a small part of the megabytes a conversation of thousands of messages takes to post and show.
 */
export const FIRST_STATE_MESSAGES = 40;

export class ShownMessages {
  private conversationId: string | undefined;
  /** Copies of the messages as last posted, by id. */
  private shown = new Map<string, ChatMessageView>();
  /**
   * How much text was posted in deltas since, by message id: the webview holds its copy's text and that much of what
   * followed it. Counted, not kept: a reply of megabytes would be held twice, as a string of thousands of pieces.
   */
  private appendedLength = new Map<string, number>();

  /** The webview shows nothing (any more): the next state is whole. */
  forget(): void {
    this.conversationId = undefined;
    this.shown = new Map();
    this.appendedLength = new Map();
  }

  /**
   * Text posted to the webview as a delta of a message. Counted for a message no state has posted yet as well: the
   * webview starts such a reply from its first delta, so it holds exactly the deltas' text.
   */
  appended(messageId: string, text: string): void {
    this.appendedLength.set(messageId, (this.appendedLength.get(messageId) ?? 0) + text.length);
  }

  /**
   * What to post of the final form of a message, which it records as shown (so the next state leaves it out): when its
   * text continues what the webview holds of it (a reply that streamed in, whether a state had posted it or its
   * deltas started it), only the text after that, with the length it follows (`textFrom`).
   */
  updated(conversationId: string, message: ChatMessageView): { message: ChatMessageView; textFrom?: number } {
    // Another conversation than the last state's: the webview shows it anew from its next state.
    if (this.conversationId !== conversationId) return { message };
    const before = this.shown.get(message.id);
    // The deltas posted since are the text that followed the copy's: a reply's text only grows while it streams.
    const held = (before?.text.length ?? 0) + (this.appendedLength.get(message.id) ?? 0);
    this.appendedLength.delete(message.id);
    const copy = copyMessage(message);
    // A message new to the webview goes to its end, where the webview puts it too.
    this.shown.set(message.id, copy);
    const continues = message.text.length >= held && (!before || message.text.startsWith(before.text));
    if (held === 0 || !continues) return { message: copy };
    return { message: { ...copy, text: message.text.slice(held) }, textFrom: held };
  }

  /**
   * Copies of what to post of `messages`, and records them as shown. An unchanged message is told from its copy
   * field by field, without encoding either: a state for a conversation of thousands of messages costs little.
   */
  take(conversationId: string, messages: readonly ChatMessageView[]): StateMessages {
    const partial = this.conversationId === conversationId;
    const earlier = partial ? 0 : Math.max(0, messages.length - FIRST_STATE_MESSAGES);
    const next = new Map<string, ChatMessageView>();
    const copies: ChatMessageView[] = [];
    const changed: ChatMessageView[] = [];
    for (const message of earlier > 0 ? messages.slice(earlier) : messages) {
      const before = this.shown.get(message.id);
      const copy = before && sameJson(before, message) ? before : copyMessage(message);
      if (copy !== before) changed.push(copy);
      next.set(message.id, copy);
      copies.push(copy);
    }
    // The messages posted before, in their order: the keys of the map, as it was filled.
    const postedIds = this.shown.keys();
    this.conversationId = conversationId;
    this.shown = next;
    // A message with text appended since is posted again whole, as it differs from its copy.
    this.appendedLength = new Map();
    if (!partial) return { messages: copies, ...(earlier > 0 ? { earlier } : {}) };
    // Most states add at the end: the ids of the messages that keep their places are not posted again.
    let kept = 0;
    while (kept < messages.length && postedIds.next().value === messages[kept].id) kept++;
    const order = messages.slice(kept).map((m) => m.id);
    return { messages: changed, order, ...(kept > 0 ? { orderKept: kept } : {}) };
  }
}
