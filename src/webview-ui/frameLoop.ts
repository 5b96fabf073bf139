// Runs the chat's rendering of streamed text once per animation frame, within a budget per frame: script time, and
// characters of source paced by what the machine keeps up with (framePace.ts). The first frame after a pause renders
// little, so a reply's first words show in a frame of little work; the frame after a key press is left to that key.
import { FramePace, MIN_FRAME_CHARS } from './framePace';

/**
 * The script time a frame gives to rendering streamed text; the rest of a burst waits for the next frames, so key
 * presses and painting are never held up for long, however much text arrives at once.
 */
const FRAME_BUDGET_MS = 6;
/**
 * A frame that still took longer than this (the tail of a reply that is one block, rendered again whole) holds the
 * next back for twice its cost from its end, so a huge reply cannot starve input handling, and its total work stays
 * in proportion. A frame asked for once that time has passed (the next reply's first words) runs at once.
 */
const SLOW_FRAME_MS = 12;

export interface FrameClock {
  /** Runs `callback` before the next frame is rendered, with that frame's time on the clock (when it gives one). */
  requestFrame(callback: (time?: number) => void): void;
  now(): number;
}

/** What is left of one frame's budget as its text is rendered step by step. */
export class FrameBudget {
  private spent = 0;

  constructor(
    private readonly chars: number,
    private readonly hasTime: () => boolean,
  ) {}

  /** A budget of one step, of the usual size: for text shown at once, outside the frames. */
  static oneStep(): FrameBudget {
    return new FrameBudget(Infinity, () => false);
  }

  /** The characters of source the next step may render (a step renders one block at least, whatever its length). */
  get charsLeft(): number {
    return Math.max(0, this.chars - this.spent);
  }

  /** Counts a step's characters; true while characters and time are left for another step. */
  spend(chars: number): boolean {
    this.spent += chars;
    return this.spent < this.chars && this.hasTime();
  }
}

export class FrameLoop {
  private scheduled = false;
  /** The clock's time before which no frame runs. */
  private resumeAt = 0;
  /** The time of the last frame, while the next was asked for right after it: their interval tells the pace. */
  private previousFrameAt: number | undefined;
  private readonly pace = new FramePace();
  /** A key was pressed since the last frame: the next renders no text, so the key shows in it at once. */
  private inputWaiting = false;
  /** The last frame rendered nothing: it came after a late one, or after a key press. */
  private skipped = false;
  /** The last frame wanted another: text is streaming, rather than arriving after a pause. */
  private rendering = false;

  /** `render` renders within the budget and tells whether it wants another frame. */
  constructor(
    private readonly clock: FrameClock,
    private readonly render: (budget: FrameBudget) => boolean,
  ) {}

  /**
   * Leaves the next frame to the page's response to a key press: rendering text in it as well would hold the key's
   * echo back by that frame's work, and a burst of text takes many frames, so a key press costs it only one. A key
   * pressed with no text waiting (the Enter that sends a question) does not hold back the reply's first words.
   */
  yieldToInput(): void {
    if (this.scheduled) this.inputWaiting = true;
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => this.clock.requestFrame((time) => this.frame(time ?? this.clock.now()));
    const wait = this.resumeAt - this.clock.now();
    if (wait > 0) setTimeout(run, wait);
    else run();
  }

  private frame(time: number): void {
    this.scheduled = false;
    // Only a frame that follows a rendering one comes late; keys give up no more than every other frame however fast
    // they come (a held key repeats), so a reply keeps appearing while someone types.
    const late = this.previousFrameAt !== undefined && !this.pace.observe(time - this.previousFrameAt);
    const afterSkip = this.skipped;
    this.skipped = late || (this.inputWaiting && !afterSkip);
    this.inputWaiting = false;
    if (this.skipped) {
      // The previous frame came late, or a key was pressed: this one is left to the browser's own work and the key.
      this.previousFrameAt = undefined;
      this.schedule();
      return;
    }
    const started = this.clock.now();
    // The first words of a reply come alone or with the start of a burst: shown with the least, they paint sooner.
    const chars = this.rendering ? this.pace.frameChars : MIN_FRAME_CHARS;
    const budget = new FrameBudget(chars, () => this.clock.now() < started + FRAME_BUDGET_MS);
    const more = this.render(budget);
    this.rendering = more;
    const ended = this.clock.now();
    const cost = ended - started;
    this.resumeAt = cost > SLOW_FRAME_MS ? ended + cost * 2 : 0;
    this.previousFrameAt = more && this.resumeAt === 0 ? time : undefined;
    if (more) this.schedule();
  }
}
