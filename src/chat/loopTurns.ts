// A reply's stream is read in a loop that, when text comes faster than it is handled (a server that sends a long reply
// at once), runs on without the event loop turning: every read is already buffered. VS Code sends what the extension
// posts to a webview only when the loop turns (its writer flushes in a timer), so the reply's first words would wait
// until the whole burst was read, and the extension host would answer nothing else meanwhile. The loop passes here
// after each piece of text it handled: the loop turns after the first, and then whenever the loop has run for a slice.
import { setImmediate as nextTurn, setTimeout as afterTimers } from 'node:timers/promises';

/** The longest the stream's loop runs without a turn of the event loop. */
export const LOOP_SLICE_MS = 4;

export class LoopTurns {
  private since: number | undefined;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly sliceMs = LOOP_SLICE_MS,
  ) {}

  /** Lets the event loop turn on the first pass, and on a pass a slice after the last turn. */
  async pass(): Promise<void> {
    if (this.since === undefined) {
      // The first words go out before anything else is read: a timer of 0 ms runs after those set before it with the
      // same delay, such as the writer's.
      await afterTimers(0);
    } else if (this.now() - this.since >= this.sliceMs) {
      // A turn without the timer's millisecond: the writer's timer runs in it once it is due.
      await nextTurn();
    } else {
      return;
    }
    this.since = this.now();
  }
}
