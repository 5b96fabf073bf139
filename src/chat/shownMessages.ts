// What the webview already shows of the conversation on screen, so that a new state carries only the messages that
// changed since the last one (a reply starting in a conversation of thousands of messages adds two), with the order
// of all of them.
import type { ChatMessageView } from '../shared/protocol';

interface Shown {
  text: string;
  /** Everything but the text, JSON-encoded: small, so comparing it costs little. */
  rest: string;
}

export interface StateMessages {
  messages: ChatMessageView[];
  /** Present when the webview shows this conversation already: then `messages` holds only what changed. */
  order?: string[];
}

export class ShownMessages {
  private conversationId: string | undefined;
  private shown = new Map<string, Shown>();

  /** The webview shows nothing (any more): the next state is whole. */
  forget(): void {
    this.conversationId = undefined;
    this.shown = new Map();
  }

  /** Copies of what to post of `messages`, and records them as shown. */
  take(conversationId: string, messages: readonly ChatMessageView[]): StateMessages {
    const partial = this.conversationId === conversationId;
    const next = new Map<string, Shown>();
    const changed: ChatMessageView[] = [];
    for (const message of messages) {
      const { text, ...rest } = message;
      const now = { text, rest: JSON.stringify(rest) };
      const before = this.shown.get(message.id);
      if (!before || before.text !== now.text || before.rest !== now.rest) changed.push(message);
      next.set(message.id, now);
    }
    this.conversationId = conversationId;
    this.shown = next;
    if (!partial) return { messages: structuredClone([...messages]) };
    return { messages: structuredClone(changed), order: messages.map((m) => m.id) };
  }
}
