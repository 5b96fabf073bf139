// What the webview already shows of the conversation on screen, so that a new state carries only the messages that
// changed since the last one (a reply starting in a conversation of thousands of messages adds two), with the order
// of all of them. The first state of a long conversation carries only its end; the next ones bring the messages
// before it, a page at a time, so that neither the host nor the editor's renderer handles megabytes in one go.
import type { ChatMessageView } from '../shared/protocol';
import { copyMessage } from './conversation';
import { sameJson } from './sameJson';

export interface StateMessages {
  messages: ChatMessageView[];
  /** Present when the webview shows this conversation already: then `messages` holds only what changed. */
  order?: string[];
  /** How many messages keep their places at the start: `order` lists the ids after them. */
  orderKept?: number;
  /** How many messages at the start this state leaves out: the first of a long conversation, then each page's. */
  earlier?: number;
  /** By message id: the message's text is what follows that many characters of the text the webview holds of it. */
  textFrom?: Record<string, number>;
}

/**
 * How many of its last messages the first state of a conversation carries: more than a screenful of the longest
 * replies, and a small part of the megabytes a conversation of thousands of messages takes to post and show.
 */
export const FIRST_STATE_MESSAGES = 40;

/**
 * The text a state brings at most of the messages an earlier state left out (one message at least): a few
 * milliseconds to post and to show, where a conversation of thousands of messages at once took hundreds, during
 * which the editor took no key press.
 */
export const EARLIER_PAGE_CHARS = 512 * 1024;

export class ShownMessages {
  private conversationId: string | undefined;
  /** Copies of the messages as last posted, by id. */
  private shown = new Map<string, ChatMessageView>();
  /** The ids of the messages in `shown` in the webview's order. */
  private order: string[] = [];
  /** How many messages at the start of the conversation the last state left out. */
  private leftOut = 0;
  /**
   * How much text was posted in deltas since, by message id: the webview holds its copy's text and that much of what
   * followed it. Counted, not kept: a reply of megabytes would be held twice, as a string of thousands of pieces.
   */
  private appendedLength = new Map<string, number>();

  /** The webview shows nothing (any more): the next state is whole. */
  forget(): void {
    this.conversationId = undefined;
    this.leftOut = 0;
    this.shown = new Map();
    this.order = [];
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
    const held = heldLength(before, this.appendedLength.get(message.id) ?? 0, message);
    this.appendedLength.delete(message.id);
    const copy = copyMessage(message);
    // A message new to the webview goes to its end, where the webview puts it too.
    if (!before) this.order.push(message.id);
    this.shown.set(message.id, copy);
    if (held === undefined) return { message: copy };
    return { message: { ...copy, text: message.text.slice(held) }, textFrom: held };
  }

  /**
   * Copies of what to post of `messages`, and records them as shown. An unchanged message is told from its copy
   * field by field, without encoding either: a state for a conversation of thousands of messages costs little.
   */
  take(conversationId: string, messages: readonly ChatMessageView[]): StateMessages {
    const partial = this.conversationId === conversationId;
    const earlier = partial ? this.nextPageFrom(messages) : Math.max(0, messages.length - FIRST_STATE_MESSAGES);
    const posted = earlier > 0 ? messages.slice(earlier) : messages;
    this.conversationId = conversationId;
    this.leftOut = earlier;
    const appended = this.appendedLength;
    this.appendedLength = new Map();
    const left = earlier > 0 ? { earlier } : {};
    if (!partial) {
      this.shown = new Map();
      this.order = [];
      return { ...this.record(0, posted, new Map()), ...left };
    }
    // Most states add at the end: the ids of the messages that keep their places are not posted again.
    let kept = 0;
    while (kept < posted.length && this.order[kept] === posted[kept].id) kept++;
    const changed = this.record(kept, posted, appended);
    const order = posted.slice(kept).map((m) => m.id);
    return { ...changed, order, ...(kept > 0 ? { orderKept: kept } : {}), ...left };
  }

  /**
   * Records `posted` as what is shown, its first `kept` messages as they were placed already, and returns the copies
   * made anew (changed or new). Only the messages after the kept ones are placed again, and only what changed is
   * copied: a state of a conversation of thousands of messages rebuilds nothing for the one or two a reply adds, nor
   * when the reply settled before its question's state (its deltas put it at the webview's end, the question goes
   * before it). A reply streaming in (text was `appended` to it since) is posted as the text the webview lacks: a state
   * that came as a long reply streamed carried it whole, beside the deltas.
   */
  private record(
    kept: number,
    posted: readonly ChatMessageView[],
    appended: ReadonlyMap<string, number>,
  ): Pick<StateMessages, 'messages' | 'textFrom'> {
    // A shown message after the kept ones that the state no longer has (taken back, or moved out of the page) leaves.
    if (kept < this.order.length) {
      const placed = new Set(posted.slice(kept).map((m) => m.id));
      for (const id of this.order.slice(kept)) if (!placed.has(id)) this.shown.delete(id);
    }
    const changed: ChatMessageView[] = [];
    const textFrom: Record<string, number> = {};
    for (const message of posted) {
      const before = this.shown.get(message.id);
      if (before && sameJson(before, message)) continue;
      const copy = copyMessage(message);
      this.shown.set(message.id, copy);
      const added = appended.get(message.id);
      const held = added === undefined ? undefined : heldLength(before, added, message);
      if (held === undefined) {
        changed.push(copy);
      } else {
        changed.push({ ...copy, text: copy.text.slice(held) });
        textFrom[message.id] = held;
      }
    }
    this.order.length = kept;
    for (let i = kept; i < posted.length; i++) this.order.push(posted[i].id);
    return { messages: changed, ...(Object.keys(textFrom).length > 0 ? { textFrom } : {}) };
  }

  /** How many messages at its start the last state of `conversationId` left out (0 for another conversation). */
  leftOutOf(conversationId: string): number {
    return this.conversationId === conversationId ? this.leftOut : 0;
  }

  /**
   * Where a state of changes starts: of the messages at the start that the webview lacks (those the last state left
   * out), it brings the last ones, up to a page's text; a webview that lacks all of them gets them all.
   */
  private nextPageFrom(messages: readonly ChatMessageView[]): number {
    let lacking = 0;
    while (lacking < messages.length && !this.shown.has(messages[lacking].id)) lacking++;
    if (lacking === messages.length) return 0;
    let from = lacking;
    let chars = 0;
    while (from > 0) {
      const size = messages[from - 1].text.length + (messages[from - 1].reasoning?.text.length ?? 0);
      if (chars > 0 && chars + size > EARLIER_PAGE_CHARS) break;
      chars += size;
      from--;
    }
    return from;
  }
}

/**
 * How much of `message`'s text the webview holds: its copy `before` and the `appended` characters of the deltas
 * posted since (a reply's text only grows while it streams); `undefined` when it holds none, or text the message does
 * not continue.
 */
function heldLength(
  before: ChatMessageView | undefined,
  appended: number,
  message: ChatMessageView,
): number | undefined {
  const held = (before?.text.length ?? 0) + appended;
  const continues = message.text.length >= held && (!before || message.text.startsWith(before.text));
  return held > 0 && continues ? held : undefined;
}
