// Where messages sit in the list of a conversation, for the chat view's syncing of its message views.
import type { ChatMessageView } from '../../shared/protocol';

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
