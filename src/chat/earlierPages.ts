// Posts the messages the states of a long conversation left out, a page per state (see ShownMessages), until none is
// left out: each page in a task of its own, so that the host and the editor's renderer handle other work between
// pages (a key press, a streamed reply) instead of waiting for the whole conversation at once.
import type { ShownMessages } from './shownMessages';

export class EarlierPages {
  private running = false;

  constructor(
    private readonly shown: Pick<ShownMessages, 'leftOutOf'>,
    private readonly postState: () => Promise<void>,
  ) {}

  /** One run at a time: the webview asks again after each page it paints, and the run posts them all. */
  async post(conversationId: string): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let left = this.shown.leftOutOf(conversationId); left > 0;) {
        await this.postState();
        await new Promise((resolve) => setImmediate(resolve));
        // A state that brought nothing (the view went away or is not ready) ends the run: the next ask starts another.
        const now = this.shown.leftOutOf(conversationId);
        if (now >= left) return;
        left = now;
      }
    } finally {
      this.running = false;
    }
  }
}
