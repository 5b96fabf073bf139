/**
 * A minimal server-sent-events parser for chat streams: it only collects `data:` fields and hands each event's data
 * to the handler when the blank line ending the event arrives. Comments, `event:`/`id:`/`retry:` and unknown fields
 * carry no reply text and are skipped. Lines end with `\n`, `\r\n` or a lone `\r`, as the WHATWG spec allows.
 *
 * Input is text that is already decoded (a streaming TextDecoder keeps multi-byte characters that straddle network
 * reads whole, and drops a leading byte order mark). A line split across feeds is kept as a pending tail; only the new
 * text is searched for line ends, so a long event arriving in many reads costs linear time.
 */
export type SseDataHandler = (data: string) => 'continue' | 'stop';

/**
 * Called at each line start where no event is half read: consumes whole events it recognises from text[start] on,
 * handling them itself, and returns where it stopped (start when it recognised none).
 */
export type SseShortcut = (text: string, start: number) => number;

const LINE_FEED = 10;
const COLON = 58;
const SPACE = 32;

export class SseParser {
  private pendingLine = '';
  private eventData: string | undefined;
  private stopped = false;
  /** The last feed ended with a `\r`: a `\n` starting the next one belongs to it, not to a blank line. */
  private endedWithCarriageReturn = false;

  constructor(
    private readonly onData: SseDataHandler,
    private readonly shortcut?: SseShortcut,
  ) {}

  /** Parses the text; once the handler says 'stop', everything after that event is ignored. */
  feed(text: string): void {
    if (this.stopped || text.length === 0) return;
    let lineStart = 0;
    if (this.endedWithCarriageReturn) {
      this.endedWithCarriageReturn = false;
      if (text.charCodeAt(0) === LINE_FEED) lineStart = 1;
    }
    // The next \r and \n at or after lineStart (text.length for none), each searched only once passed (-1: not yet),
    // so text without a \r costs one search for it, a \r\n line two searches, and what the shortcut takes none.
    let cr = -1;
    let lf = -1;
    if (this.pendingLine.length > 0) {
      cr = nextIndex(text, '\r', lineStart);
      lf = nextIndex(text, '\n', lineStart);
      const end = cr < lf ? cr : lf;
      if (end === text.length) {
        this.pendingLine += text.slice(lineStart);
        return;
      }
      const line = this.pendingLine + text.slice(lineStart, end);
      this.pendingLine = '';
      this.handleLine(line, 0, line.length);
      lineStart = this.afterLineEnd(text, end, end === cr);
    }
    while (!this.stopped) {
      if (this.shortcut !== undefined && this.eventData === undefined) lineStart = this.shortcut(text, lineStart);
      if (cr < lineStart) cr = nextIndex(text, '\r', lineStart);
      if (lf < lineStart) lf = nextIndex(text, '\n', lineStart);
      const end = cr < lf ? cr : lf;
      if (end === text.length) break;
      this.handleLine(text, lineStart, end);
      lineStart = this.afterLineEnd(text, end, end === cr);
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

  /** Where the next line starts after a line ending at text[end]: a \r followed by \n ends it as one. */
  private afterLineEnd(text: string, end: number, carriageReturn: boolean): number {
    const next = end + 1;
    if (!carriageReturn) return next;
    if (next === text.length) {
      this.endedWithCarriageReturn = true;
      return next;
    }
    return text.charCodeAt(next) === LINE_FEED ? next + 1 : next;
  }

  /** Handles text[start, end), a line without its line end, reading it in place so only a data value is copied. */
  private handleLine(text: string, start: number, end: number): void {
    if (end === start) {
      this.dispatch();
      return;
    }
    // Only `data` matters; a comment starts with ':' and other fields have other names.
    if (!text.startsWith('data', start)) return;
    let value: string;
    const afterName = start + 4;
    if (end === afterName) value = '';
    else if (text.charCodeAt(afterName) !== COLON) return;
    else value = text.slice(text.charCodeAt(afterName + 1) === SPACE ? afterName + 2 : afterName + 1, end);
    this.eventData = this.eventData === undefined ? value : `${this.eventData}\n${value}`;
  }

  private dispatch(): void {
    const data = this.eventData;
    if (data === undefined) return;
    this.eventData = undefined;
    if (this.onData(data) === 'stop') this.stopped = true;
  }
}

/** The index of `char` in text at or after `from`, or text.length when there is none. */
function nextIndex(text: string, char: string, from: number): number {
  const index = text.indexOf(char, from);
  return index === -1 ? text.length : index;
}
