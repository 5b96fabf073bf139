// The one polite live region screen readers hear replies from: each reply once, when it has finished (complete,
// stopped, cut short or failed), never its streamed chunks. The message list itself is not a live region.
import { t } from '../../shared/l10n';
import type { ChatMessageView } from '../../shared/protocol';
import { h } from '../dom';
import { TEST_IDS } from '../testids';

/**
 * The most of a reply's text an announcement reads. A long reply is better read in the message itself, where a screen
 * reader can move through it, and a live region holding all of it cost the page 15 to 60 ms of layout as the reply
 * ended (a 2,000-line reply's 137,000 characters), a pause in the typing and the frames of that moment.
 */
export const MAX_ANNOUNCED_CHARS = 4000;

/** The reply's text for its announcement: whitespace collapsed, and a long one cut at a word with a note that it goes on. */
function announcedText(text: string): string {
  const body = text.replace(/\s+/g, ' ').trim();
  if (body.length <= MAX_ANNOUNCED_CHARS) return body;
  const lastSpace = body.lastIndexOf(' ', MAX_ANNOUNCED_CHARS);
  return t('{0} … The reply goes on in the chat.', body.slice(0, lastSpace > 0 ? lastSpace : MAX_ANNOUNCED_CHARS));
}

/** What a screen reader is told about a finished reply whose visible text is `text`. */
export function replyAnnouncement(message: Pick<ChatMessageView, 'status' | 'error'>, text: string): string {
  const body = announcedText(text);
  switch (message.status) {
    case 'stopped':
      return t('Reply stopped: {0}', body);
    case 'incomplete':
      return t('Reply may be cut short: {0}', body);
    case 'error': {
      const failed = t('Reply failed: {0}', message.error?.message ?? '');
      return body === '' ? failed : `${failed} ${t('Partial reply: {0}', body)}`;
    }
    default:
      return t('Reply finished: {0}', body);
  }
}

export class ReplyAnnouncer {
  readonly element: HTMLElement = h('div', {
    class: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
    'data-testid': TEST_IDS.replyAnnouncer,
  });
  /** Replies finished before this view saw them, or announced already. */
  private readonly settled = new Set<string>();

  /** A conversation is shown afresh: the replies it has finished are history, not news. */
  reset(messages: readonly ChatMessageView[]): void {
    this.settled.clear();
    this.seen(messages);
  }

  /** Replies that were finished when they came are history too (the start of a long conversation, say). */
  seen(messages: readonly ChatMessageView[]): void {
    for (const message of messages) if (message.status !== 'streaming') this.settled.add(message.id);
  }

  /**
   * Notes where `message` stands, and announces a reply the first time it is seen finished. A reply may be seen
   * streaming first, or only finished (a failure that came at once); one that streams again is news again.
   */
  observe(message: ChatMessageView, visibleText: () => string): void {
    if (message.role !== 'assistant') return;
    if (message.status === 'streaming') {
      this.settled.delete(message.id);
    } else if (!this.settled.has(message.id)) {
      this.settled.add(message.id);
      this.element.textContent = replyAnnouncement(message, visibleText());
    }
  }
}
