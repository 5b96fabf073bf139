// The conversation store's work, one piece after another: writes never interleave, and reads that update what the
// store knows of its files run between them.
export class StoreQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  /** Work asked for by key and not started yet. */
  private readonly pending = new Map<string, Promise<unknown>>();

  /** Work queued or running. */
  get queued(): number {
    return this.running;
  }

  /** Runs `work` after everything queued before it, whether that succeeded or not. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    const next = this.tail.then(work, work).finally(() => this.running--);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Queues `work` unless the same work is already queued and not started, which then answers for both. */
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queued = this.pending.get(key) as Promise<T> | undefined;
    if (queued) return queued;
    const next = this.enqueue(() => {
      this.pending.delete(key);
      return work();
    });
    this.pending.set(key, next);
    return next;
  }
}
