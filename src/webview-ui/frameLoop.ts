// Runs the chat's rendering of streamed text once per animation frame, with a budget of script time per frame.
/**
 * The script time a frame gives to rendering streamed text; the rest of a burst waits for the next frames, so key
 * presses and painting are never held up for long, however much text arrives at once.
 */
const FRAME_BUDGET_MS = 6;
/**
 * A frame that still took longer than this (the tail of a reply that is one block, rendered again whole) delays the
 * next by twice its cost, so a huge reply cannot starve input handling, and its total work stays in proportion.
 */
const SLOW_FRAME_MS = 12;

export interface FrameClock {
  requestFrame(callback: () => void): void;
  now(): number;
}

export class FrameLoop {
  private scheduled = false;
  private nextDelay = 0;

  /** `render` renders while `hasTime()` and tells whether it wants another frame. */
  constructor(
    private readonly clock: FrameClock,
    private readonly render: (hasTime: () => boolean) => boolean,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => this.clock.requestFrame(() => this.frame());
    if (this.nextDelay > 0) setTimeout(run, this.nextDelay);
    else run();
  }

  private frame(): void {
    this.scheduled = false;
    const started = this.clock.now();
    const more = this.render(() => this.clock.now() < started + FRAME_BUDGET_MS);
    const cost = this.clock.now() - started;
    this.nextDelay = cost > SLOW_FRAME_MS ? cost * 2 : 0;
    if (more) this.schedule();
  }
}
