// How a caught error reads in a log line or a message: its own message, or the thrown value as text.

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
