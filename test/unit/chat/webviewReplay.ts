// What a chat webview saw of the host's posts, applied in order as the webview applies them.
import type { HostToWebviewMessage } from '../../../src/shared/messages';
import type { ChatMessageView, ChatState } from '../../../src/shared/protocol';
import { stateMessages, withHeldText } from '../../../src/webview-ui/view/messageOrder';

/**
 * Each state (one of changes only completed with the messages it had) and each message update, a message posted with
 * `textFrom` joined to the text the webview held for it; an update adds to or replaces a message of the state after
 * it, and a delta of a message not shown starts it at the end, as the webview's do; what belongs to another
 * conversation than the last state's is dropped. Throws when a post follows text the webview does not hold.
 */
export function replayPosts(posted: readonly HostToWebviewMessage[]): {
  states: ChatState[];
  updates: ChatMessageView[];
  /** The messages shown after the last post, each with the text the webview holds for it. */
  shown: ChatMessageView[];
} {
  let shown: ChatMessageView[] = [];
  let conversationId: string | undefined;
  const held = new Map<string, string>();
  const states: ChatState[] = [];
  const updates: ChatMessageView[] = [];
  for (const m of posted) {
    if (m.type === 'state') {
      const messages = stateMessages(shown, m.state, (id) => held.get(id));
      if (!messages) throw new Error(`a state of ${m.state.conversationId} follows text the webview does not hold`);
      // Kept as the webview holds it: whole, without the fields of a state of changes.
      const state: ChatState = { ...m.state, messages, order: undefined, orderKept: undefined, textFrom: undefined };
      shown = messages;
      conversationId = state.conversationId;
      const changed = new Set(m.state.messages.map((message) => message.id));
      for (const message of messages) if (changed.has(message.id)) held.set(message.id, message.text);
      states.push(state);
    } else if ((m.type === 'delta' || m.type === 'messageUpdated') && m.conversationId !== conversationId) {
      // The webview shows another conversation: it drops what belongs to this one.
    } else if (m.type === 'delta') {
      held.set(m.messageId, (held.get(m.messageId) ?? '') + m.text);
      // A delta of a message the webview does not show starts that reply at the end, as the webview does.
      if (!shown.some((message) => message.id === m.messageId)) {
        shown = [...shown, { id: m.messageId, role: 'assistant', text: '', status: 'streaming', createdAt: 0 }];
      }
    } else if (m.type === 'messageUpdated') {
      const whole = withHeldText(m.message, m.textFrom, held.get(m.message.id));
      if (!whole) throw new Error(`an update of ${m.message.id} follows text the webview does not hold`);
      held.set(whole.id, whole.text);
      const index = shown.findIndex((message) => message.id === whole.id);
      shown = index === -1 ? [...shown, whole] : shown.map((message, i) => (i === index ? whole : message));
      updates.push(whole);
    }
  }
  return { states, updates, shown: shown.map((m) => ({ ...m, text: held.get(m.id) ?? m.text })) };
}
