// How much streamed markdown a frame renders while the chat catches up with a burst of text. The cost of showing text
// is mostly the browser's (style, layout and paint of what was added), not the script's, so the share is counted in
// characters of source, and it adapts to what the machine keeps up with: a frame that came late halves the share (and
// the frame loop renders nothing in the next, so the browser catches up), a frame on time lets it grow a little. The
// growth is slow, so the late frames its probing causes stay rare.

/**
 * The most a frame renders: about a screenful of prose, or a code block of forty lines. Style, layout and paint of more
 * than that left too little of the frame for a key press on a 2-core machine, and probing above it made frames late.
 */
export const MAX_FRAME_CHARS = 3000;
/** The least: about a paragraph, so a reply keeps appearing however slow the machine or busy the page. */
export const MIN_FRAME_CHARS = 250;
/** The share after a frame on time, as a factor: about 20 frames from half the share back to it. */
const GROWTH = 1.035;
/** A frame interval more than this many refresh periods long means that frame came late. */
const LATE_PERIODS = 1.5;
/** The refresh period assumed until a shorter one is seen (60 Hz). */
const ASSUMED_PERIOD_MS = 1000 / 60;

export class FramePace {
  private share = MAX_FRAME_CHARS;
  /** The shortest interval seen between two consecutive rendering frames: the display's refresh period. */
  private period = ASSUMED_PERIOD_MS;

  /** The characters of source the next frame may render. */
  get frameChars(): number {
    return Math.round(this.share);
  }

  /** Records the interval between two consecutive frames that both rendered streamed text; false if it came late. */
  observe(intervalMs: number): boolean {
    if (intervalMs <= 0) return true;
    this.period = Math.min(this.period, intervalMs);
    if (intervalMs > this.period * LATE_PERIODS) {
      this.share = Math.max(MIN_FRAME_CHARS, this.share / 2);
      return false;
    }
    this.share = Math.min(MAX_FRAME_CHARS, this.share * GROWTH);
    return true;
  }
}
