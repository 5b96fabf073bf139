// Keeps the message list at its bottom while new text arrives, unless the user scrolled away from it; scrolling back
// to the bottom (or sending) follows again.
/** Within this many pixels of the bottom the list keeps following new text. */
const FOLLOW_THRESHOLD_PX = 30;

export class BottomFollower {
  private follow = true;

  constructor(private readonly list: HTMLElement) {
    list.addEventListener('scroll', () => {
      this.follow = list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_THRESHOLD_PX;
    });
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
