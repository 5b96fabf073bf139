// Whether a message is as its stored form says, told without making that form: a save of a conversation of thousands
// of messages compares each with its copy on disk, and making each one's stored form anew was most of that cost.
import type { ChatMessageView } from '../shared/protocol';
import { toStoredMessage, type StoredMessage } from './conversationFormat';
import { sameJson } from './sameJson';

/** Whether `stored` is `toStoredMessage(message)`. */
export function isStoredFormOf(stored: StoredMessage | undefined, message: ChatMessageView): boolean {
  if (stored === undefined) return false;
  if (
    stored.id !== message.id ||
    stored.text !== message.text ||
    stored.status !== message.status ||
    stored.role !== message.role ||
    stored.createdAt !== message.createdAt
  ) {
    return false;
  }
  // A message's parts are flat: equal as they are, they are equal in their stored form. A part with fields the stored
  // form leaves out (unknown ones, or undefined ones) is told by the stored form itself.
  const asTheyAre =
    samePart(message.error, stored.error) &&
    samePart(message.stats, stored.stats) &&
    samePart(message.reasoning, stored.reasoning) &&
    samePart(message.promptCut, stored.promptCut);
  return asTheyAre || sameJson(toStoredMessage(message), stored);
}

function samePart(part: object | undefined, stored: object | undefined): boolean {
  return part === undefined ? stored === undefined : sameJson(part, stored);
}
