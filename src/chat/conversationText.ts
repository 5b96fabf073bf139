// The text of a conversation's file. Each message's JSON is kept from the conversation's last save and used again
// while the message is unchanged, so a save of a long conversation encodes only what changed since. The text is given
// in pieces, each encoded as the file's writer asks for it: a conversation of megabytes is encoded and written between
// other tasks, where encoding it, joining it and converting it to bytes at once held the extension host 9 to 31 ms.
import type { StoredConversation, StoredMessage } from './conversationFormat';
import { sameSignature } from './conversationMerge';

/** The conversations whose messages' JSON is kept: the one in the chat, and a few the user switched from. */
const CONVERSATIONS_KEPT = 3;

/** About how many characters of JSON a piece holds: a message longer than that is a piece of its own. */
export const PIECE_CHARS = 64 * 1024;

const NO_MESSAGES = '"messages":[]';

interface Encoded {
  message: StoredMessage;
  json: string;
}

export class ConversationText {
  /** Per conversation, least recently saved first: each message's JSON by message id. */
  private readonly kept = new Map<string, Map<string, Encoded>>();

  /**
   * `JSON.stringify(stored)` in pieces, each encoded when it is asked for. The messages' JSON is kept for the next
   * save only once every piece was taken: a write that failed part way leaves what was kept before.
   */
  *pieces(stored: StoredConversation): Generator<string, void, undefined> {
    const before = this.kept.get(stored.id);
    const now = new Map<string, Encoded>();
    // The other fields encoded around an empty message list, which the messages' JSON then fills.
    const fields = JSON.stringify({ ...stored, messages: [] });
    const at = fields.indexOf(NO_MESSAGES);
    let piece = `${fields.slice(0, at)}"messages":[`;
    for (const [index, message] of stored.messages.entries()) {
      const earlier = before?.get(message.id);
      const json = earlier && sameSignature(earlier.message, message) ? earlier.json : JSON.stringify(message);
      now.set(message.id, { message, json });
      piece += index === 0 ? json : `,${json}`;
      if (piece.length < PIECE_CHARS) continue;
      yield piece;
      piece = '';
    }
    yield `${piece}]${fields.slice(at + NO_MESSAGES.length)}`;
    this.keep(stored.id, now);
  }

  private keep(id: string, encoded: Map<string, Encoded>): void {
    this.kept.delete(id);
    this.kept.set(id, encoded);
    for (const kept of this.kept.keys()) {
      if (this.kept.size <= CONVERSATIONS_KEPT) break;
      this.kept.delete(kept);
    }
  }

  forget(id: string): void {
    this.kept.delete(id);
  }
}
