// Runs the chat's rendering of streamed text once per animation frame, with a budget of script time per frame.
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
  requestFrame(callback: () => void): void;
  now(): number;
}

export class FrameLoop {
  private scheduled = false;
  /** The clock's time before which no frame runs. */
  private resumeAt = 0;

  /** `render` renders while `hasTime()` and tells whether it wants another frame. */
  constructor(
    private readonly clock: FrameClock,
    private readonly render: (hasTime: () => boolean) => boolean,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => this.clock.requestFrame(() => this.frame());
    const wait = this.resumeAt - this.clock.now();
    if (wait > 0) setTimeout(run, wait);
    else run();
  }

  private frame(): void {
    this.scheduled = false;
    const started = this.clock.now();
    const more = this.render(() => this.clock.now() < started + FRAME_BUDGET_MS);
    const ended = this.clock.now();
    const cost = ended - started;
    this.resumeAt = cost > SLOW_FRAME_MS ? ended + cost * 2 : 0;
    if (more) this.schedule();
  }
}
