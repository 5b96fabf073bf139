// Deadlines for waits in the tests, so that an awaited event that never comes fails the test with what was awaited.

/**
 * How long a stopped reply may take to end and release its socket. The Stop tests stream replies that would take
 * about 40 s to end by themselves, so meeting this deadline proves the stop, not the end of the stream.
 */
export const STOP_DEADLINE_MS = 2_000;

/** Waits for `promise`, or rejects with `what` once `ms` have passed without it settling. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets timers, promise and file-system callbacks run until `done` holds; fails naming `what` after timeoutMs. */
export async function until(done: () => boolean, what = 'the expected state', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} was not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
