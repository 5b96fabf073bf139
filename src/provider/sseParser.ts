/**
 * A minimal server-sent-events parser for chat streams: it only collects `data:` fields and hands each event's data
 * to the handler when the blank line ending the event arrives. Comments, `event:`/`id:`/`retry:` and unknown fields
 * carry no reply text and are skipped. Lines end with `\n` or `\r\n`.
 *
 * Input is text that is already decoded (a streaming TextDecoder keeps multi-byte characters that straddle network
 * reads whole). A line split across feeds is kept as a pending tail; only the new text is searched for line ends, so
 * a long event arriving in many reads costs linear time.
 */
export type SseDataHandler = (data: string) => 'continue' | 'stop';

/**
 * Called at each line start where no event is half read: consumes whole events it recognises from text[start] on,
 * handling them itself, and returns where it stopped (start when it recognised none).
 */
export type SseShortcut = (text: string, start: number) => number;

const LINE_FEED = '\n';
const CARRIAGE_RETURN = 13;
const COLON = 58;
const SPACE = 32;

export class SseParser {
  private pendingLine = '';
  private eventData: string | undefined;
  private stopped = false;

  constructor(
    private readonly onData: SseDataHandler,
    private readonly shortcut?: SseShortcut,
  ) {}

  /** Parses the text; once the handler says 'stop', everything after that event is ignored. */
  feed(text: string): void {
    if (this.stopped) return;
    let lineStart = 0;
    if (this.pendingLine.length > 0) {
      const lineEnd = text.indexOf(LINE_FEED);
      if (lineEnd === -1) {
        this.pendingLine += text;
        return;
      }
      const line = this.pendingLine + text.slice(0, lineEnd);
      this.pendingLine = '';
      this.handleLine(line, 0, line.length);
      lineStart = lineEnd + 1;
    }
    while (!this.stopped) {
      if (this.shortcut !== undefined && this.eventData === undefined) lineStart = this.shortcut(text, lineStart);
      const lineEnd = text.indexOf(LINE_FEED, lineStart);
      if (lineEnd === -1) break;
      this.handleLine(text, lineStart, lineEnd);
      lineStart = lineEnd + 1;
    }
    if (!this.stopped && lineStart < text.length) this.pendingLine = text.slice(lineStart);
  }

  /**
   * The body ended. An unterminated last line and an event missing its closing blank line are still delivered:
   * when a stream is cut short, what did arrive is the reply.
   */
  end(): void {
    if (this.stopped) return;
    if (this.pendingLine.length > 0) {
      const line = this.pendingLine;
      this.pendingLine = '';
      this.handleLine(line, 0, line.length);
    }
    if (!this.stopped) this.dispatch();
  }

  /** Handles text[start, end), a line without its \n, reading it in place so only a data value is copied. */
  private handleLine(text: string, start: number, end: number): void {
    const lineEnd = end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
    if (lineEnd === start) {
      this.dispatch();
      return;
    }
    // Only `data` matters; a comment starts with ':' and other fields have other names.
    if (!text.startsWith('data', start)) return;
    let value: string;
    const afterName = start + 4;
    if (lineEnd === afterName) value = '';
    else if (text.charCodeAt(afterName) !== COLON) return;
    else value = text.slice(text.charCodeAt(afterName + 1) === SPACE ? afterName + 2 : afterName + 1, lineEnd);
    this.eventData = this.eventData === undefined ? value : `${this.eventData}\n${value}`;
  }

  private dispatch(): void {
    const data = this.eventData;
    if (data === undefined) return;
    this.eventData = undefined;
    if (this.onData(data) === 'stop') this.stopped = true;
  }
}
