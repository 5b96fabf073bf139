// Where messages sit in the list of a conversation, for the chat view's syncing of its message views.
import type { ChatMessageView, ChatState } from '../../shared/protocol';

/**
 * The messages of `state`; a state of changes only takes the others from those `shown`, the first `orderKept` of
 * them where they are.
 */
export function stateMessages(shown: readonly ChatMessageView[], state: ChatState): ChatMessageView[] {
  if (!state.order) return state.messages;
  // The changed messages, then the others shown after the kept ones: each id in its newest form.
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  const kept = state.orderKept ?? 0;
  const head = shown.slice(0, kept).map((m) => byId.get(m.id) ?? m);
  for (const message of shown.slice(kept)) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...head, ...state.order.map((id) => byId.get(id)).filter((m) => m !== undefined)];
}

/**
 * The final form of a message posted with `textFrom` (src/shared/messages.ts): its text after the first `textFrom`
 * characters of `held`, the text the view holds for it. `undefined` when the view holds less (never expected): its
 * state is not the host's, and the view asks for the whole state again (`ready`), as a view shown anew does.
 */
export function withHeldText(
  message: ChatMessageView,
  textFrom: number | undefined,
  held: string | undefined,
): ChatMessageView | undefined {
  if (textFrom === undefined) return message;
  if (held === undefined || held.length < textFrom) return undefined;
  return { ...message, text: held.slice(0, textFrom) + message.text };
}

/** The index of the last message with `role`; -1 when there is none. */
export function lastIndexWithRole(messages: readonly ChatMessageView[], role: ChatMessageView['role']): number {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index].role === role) return index;
  return -1;
}

/** The first index at which the two lists hold different message objects (a changed message is a new object). */
export function firstDifference(before: readonly ChatMessageView[], after: readonly ChatMessageView[]): number {
  const length = Math.min(before.length, after.length);
  for (let index = 0; index < length; index++) if (before[index] !== after[index]) return index;
  return length;
}
