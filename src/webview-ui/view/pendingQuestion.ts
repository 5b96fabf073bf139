// The question just sent, shown at once as the conversation's last message: the host's next state shows it as the
// conversation keeps it, a round trip later (about 100 ms in code-server on a busy machine, more over a network), and
// until then Enter would seem to do nothing. The host still keeps the conversation: its next state leaves this copy
// out like any message it does not list, and a send the host refuses takes the copy away again.
import type { ChatMessageView } from '../../shared/protocol';

/** Host message ids are UUIDs, so a pending question's id can never be one. */
const PENDING_ID_PREFIX = 'pending-question-';

export class PendingQuestions {
  private count = 0;

  /** A question's copy to show until the host's state does. */
  create(text: string, createdAt: number): ChatMessageView {
    return { id: `${PENDING_ID_PREFIX}${++this.count}`, role: 'user', text, status: 'complete', createdAt };
  }
}
