// The logging surface every layer writes to; the extension backs it with a VS Code log output channel.

export interface ChatLog {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
