// The text of a conversation's file. Each message's JSON is kept from the conversation's last save and used again
// while the message is unchanged, so a save of a long conversation encodes only what changed since.
import type { StoredConversation, StoredMessage } from './conversationFormat';
import { sameSignature } from './conversationMerge';

/** The conversations whose messages' JSON is kept: the one in the chat, and a few the user switched from. */
const CONVERSATIONS_KEPT = 3;

const NO_MESSAGES = '"messages":[]';

interface Encoded {
  message: StoredMessage;
  json: string;
}

export class ConversationText {
  /** Per conversation, least recently saved first: each message's JSON by message id. */
  private readonly kept = new Map<string, Map<string, Encoded>>();

  /** `JSON.stringify(stored)`. */
  of(stored: StoredConversation): string {
    const before = this.kept.get(stored.id);
    const now = new Map<string, Encoded>();
    const parts = stored.messages.map((message) => {
      const earlier = before?.get(message.id);
      const json = earlier && sameSignature(earlier.message, message) ? earlier.json : JSON.stringify(message);
      now.set(message.id, { message, json });
      return json;
    });
    this.kept.delete(stored.id);
    this.kept.set(stored.id, now);
    for (const id of this.kept.keys()) {
      if (this.kept.size <= CONVERSATIONS_KEPT) break;
      this.kept.delete(id);
    }
    // The other fields encoded around an empty message list, which the messages' JSON then fills.
    const fields = JSON.stringify({ ...stored, messages: [] });
    const at = fields.indexOf(NO_MESSAGES);
    return `${fields.slice(0, at)}"messages":[${parts.join(',')}]${fields.slice(at + NO_MESSAGES.length)}`;
  }

  forget(id: string): void {
    this.kept.delete(id);
  }
}
