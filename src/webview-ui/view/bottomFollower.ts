// Keeps the message list at its bottom while new text arrives, unless the user scrolled away from it; scrolling back
// to the bottom (or sending) follows again. Text growing within the list is followed by the browser's scroll
// anchoring, on an empty element at the list's end that is the only anchor it may pick (styles.css): while the user is
// at the bottom, that element is in view, and the browser keeps it there as the text above it grows, as part of its
// layout. Scrolling from script would make each frame measure the whole list first.
/** Within this many pixels of the bottom the list keeps following new text. */
const FOLLOW_THRESHOLD_PX = 30;

/** Whether `list` shows its bottom, within FOLLOW_THRESHOLD_PX. */
export function isAtBottom(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_THRESHOLD_PX;
}

export class BottomFollower {
  private follow = true;
  /** Goes last in the list, after the messages. */
  readonly anchor: HTMLElement;

  constructor(private readonly list: HTMLElement) {
    this.anchor = list.ownerDocument.createElement('div');
    this.anchor.className = 'scroll-anchor';
    list.addEventListener('scroll', () => (this.follow = isAtBottom(list)));
  }

  /** Whether the list follows the bottom: call before changing the list, whose growth moves the bottom away. */
  get following(): boolean {
    return this.follow;
  }

  /** Follows the bottom again from the next change on. */
  resume(): void {
    this.follow = true;
  }

  /** Shows the bottom of the list, and follows it. */
  scrollToBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.follow = true;
  }
}
