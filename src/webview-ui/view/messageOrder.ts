// Where messages sit in the list of a conversation, for the chat view's syncing of its message views.
import type { ChatMessageView, ChatState } from '../../shared/protocol';

/**
 * The messages of `state`, each changed one whole (one posted with `textFrom` joined to the text `held` for it); a
 * state of changes only takes the others from those `shown`, the first `orderKept` of them where they are.
 * `undefined` when the view holds less of a message than the state follows.
 */
export function stateMessages(
  shown: readonly ChatMessageView[],
  state: ChatState,
  held: (id: string) => string | undefined = () => undefined,
): ChatMessageView[] | undefined {
  const changed = withHeldTexts(state, held);
  if (!changed) return undefined;
  const messages = state.order ? inOrder(shown, changed, state.order, state.orderKept ?? 0) : changed;
  // The reply the host is streaming shows as streaming, whatever its last saved status.
  return messages.map((m) =>
    m.id === state.streamingId && m.status !== 'streaming' ? { ...m, status: 'streaming' as const } : m,
  );
}

/** The first `kept` of those `shown`, then the ids of `order`: each message in its newest form, `changed` or shown. */
function inOrder(
  shown: readonly ChatMessageView[],
  changed: readonly ChatMessageView[],
  order: readonly string[],
  kept: number,
): ChatMessageView[] {
  const byId = new Map(changed.map((m) => [m.id, m]));
  const head = shown.slice(0, kept).map((m) => byId.get(m.id) ?? m);
  for (const message of shown.slice(kept)) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...head, ...order.map((id) => byId.get(id)).filter((m) => m !== undefined)];
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

/** The changed messages of `state`, those posted with `textFrom` joined to the text `held` for them. */
function withHeldTexts(state: ChatState, held: (id: string) => string | undefined): ChatMessageView[] | undefined {
  const { textFrom } = state;
  if (!textFrom) return state.messages;
  const messages: ChatMessageView[] = [];
  for (const message of state.messages) {
    const whole = withHeldText(message, textFrom[message.id], held(message.id));
    if (!whole) return undefined;
    messages.push(whole);
  }
  return messages;
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
