// The logging surface every layer writes to; the extension backs it with a VS Code log output channel.

export interface ChatLog {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A value a log line quotes: its JSON, cut to 200 characters, so a huge or odd value cannot flood the log. */
export function describeValue(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}
