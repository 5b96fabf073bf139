// Reading a conversation's file: its text checked against the stored format, with what could not be read logged.
import type { ChatLog } from '../common/log';
import type { Conversation } from './conversation';
import { fromStored, isNewerFormat, readStoredConversation } from './conversationFormat';
import { describeError } from '../shared/errorText';

/** For the log, which stays in English. */
const NEWER = 'it was saved by a newer version of the extension; update the extension to open it.';

/** The conversation in a file's text; `undefined` when damaged, `'newer'` when of a newer format (both logged). */
export function parseConversationFile(id: string, text: string, log: ChatLog): Conversation | 'newer' | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (isNewerFormat(value)) {
      log.warn(`Skipped stored conversation ${id}: ${NEWER}`);
      return 'newer';
    }
    const stored = readStoredConversation(value);
    if (stored?.id === id) return fromStored(stored);
    log.warn(`Skipped stored conversation ${id}: it does not have the shape of a conversation.`);
  } catch (error) {
    log.warn(`Skipped stored conversation ${id}: ${describeError(error)}`);
  }
  return undefined;
}
