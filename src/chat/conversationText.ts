// The text of a file that holds a conversation's messages: the conversation's own file, or its journal. Each message's
// JSON is kept from the file's last save and used again while the message is unchanged, so a save encodes only what
// changed since, however many messages the file holds.
import type { StoredMessage } from './conversationFormat';
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

  /** `JSON.stringify(stored)`, for the file of the conversation `id`. */
  of<T extends { readonly messages: readonly StoredMessage[] }>(id: string, stored: T): string {
    const before = this.kept.get(id);
    const now = new Map<string, Encoded>();
    const parts = stored.messages.map((message) => {
      const earlier = before?.get(message.id);
      const json = earlier && sameSignature(earlier.message, message) ? earlier.json : JSON.stringify(message);
      now.set(message.id, { message, json });
      return json;
    });
    this.kept.delete(id);
    this.kept.set(id, now);
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
