// Chunks arrive far faster than a screen refreshes. Text for each streaming reply is gathered here and handed on at
// most once per interval (about one frame), so the webview receives a few dozen messages a second, not thousands.
// Text that arrives after a quiet interval (a reply's first words) is handed on at once: gathering starts behind it.

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const FRAME_MS = 16;

export class DeltaCoalescer {
  private readonly pending = new Map<string, string>();
  private timer: unknown;

  constructor(
    private readonly emit: (messageId: string, text: string) => void,
    private readonly intervalMs = FRAME_MS,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  push(messageId: string, text: string): void {
    if (text === '') return;
    this.pending.set(messageId, (this.pending.get(messageId) ?? '') + text);
    if (this.timer !== undefined) return;
    this.flush();
    this.gather();
  }

  /** Holds what arrives for one interval, then hands it on and holds again, until an interval passes quietly. */
  private gather(): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      if (this.pending.size === 0) return;
      this.flush();
      this.gather();
    }, this.intervalMs);
  }

  /** Hands on everything gathered so far at once. */
  flush(): void {
    const batches = [...this.pending];
    this.pending.clear();
    for (const [messageId, text] of batches) this.emit(messageId, text);
  }

  /**
   * Drops what was gathered for one reply (or for all): used when the receiver is about to get the full text anyway,
   * so the gathered part would arrive twice.
   */
  discard(messageId?: string): void {
    if (messageId === undefined) this.pending.clear();
    else this.pending.delete(messageId);
  }

  dispose(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
