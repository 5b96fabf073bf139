// How often a reply still arriving is saved: at most once a second, so a crash loses little and streaming stays fast.
const PARTIAL_SAVE_INTERVAL_MS = 1000;

export class PartialSaves {
  private last: number;

  constructor(private readonly now: () => number) {
    this.last = now();
  }

  /** True at most once per interval, counted from the request's start; each true starts a new interval. */
  due(): boolean {
    const now = this.now();
    if (now - this.last < PARTIAL_SAVE_INTERVAL_MS) return false;
    this.last = now;
    return true;
  }
}
