// Chat events from the SSE stream: the reply text and reasoning each carries, the finish reason, the token usage, an
// error the server reports in the stream, the end marker, and warnings for malformed events.
import { serverError, type ProviderError } from './errors';
import {
  DELTA_AT,
  LETTER_D,
  MINIMAL_PREFIX,
  MINIMAL_SUFFIX,
  CanonicalReader,
  closingQuote,
  jsonStringAt,
  minimalContent,
  readChunk,
} from './eventShapes';
import { SseParser } from './sseParser';
import { StreamTextDecoder } from './streamText';
import { ThinkBlockSplitter } from './thinkBlock';
import type { ProviderWarning, TokenUsage } from './types';

export { eventContent } from './eventShapes';

const END_MARKER = '[DONE]';
const WARNING_LINE_LENGTH = 200;

const MINIMAL_LINE = `data: ${MINIMAL_PREFIX}`;
const MINIMAL_END_LF = `${MINIMAL_SUFFIX}\n\n`;
const MINIMAL_END_CRLF = `${MINIMAL_SUFFIX}\r\n\r\n`;
const UNKNOWN = -1;
const LINE_PREFIX_LENGTH = 'data: '.length;

export interface ChatEventDecoderOptions {
  onWarning?: (warning: ProviderWarning) => void;
  onReasoning?: (text: string) => void;
  /** The API key, removed from an error event's message. */
  secret?: string;
}

/**
 * Turns the bytes of a chat event stream into reply text: UTF-8 decoding across reads, SSE framing, JSON of each
 * event, the end marker. Reasoning goes to onReasoning, never into the text. A data payload that is not JSON is
 * reported through onWarning and skipped; an error event ends the stream like the end marker, leaving `error` set.
 */
export class ChatEventDecoder {
  private readonly text = new StreamTextDecoder();
  private readonly parser = new SseParser(
    (data) => this.handleData(data),
    (text, start) => this.takeMinimalEvents(text, start),
  );
  private readonly think: ThinkBlockSplitter;
  private readonly canonical = new CanonicalReader();
  private collected = '';
  private sawEndMarker = false;
  private reportedError: ProviderError | undefined;
  private lastFinishReason: string | undefined;
  private lastUsage: TokenUsage | undefined;
  /** The first backslash at or after the last position asked about in the text being fed; Infinity for none. */
  private backslashAt = UNKNOWN;

  constructor(private readonly options: ChatEventDecoderOptions = {}) {
    this.think = new ThinkBlockSplitter((text) => options.onReasoning?.(text));
  }

  /** True once `data: [DONE]` arrived; nothing after it is read. */
  get done(): boolean {
    return this.sawEndMarker;
  }

  /** The error event that ended the stream, if one did; nothing after it is read. */
  get error(): ProviderError | undefined {
    return this.reportedError;
  }

  /** The last finish reason an event gave. */
  get finishReason(): string | undefined {
    return this.lastFinishReason;
  }

  /** The last token usage an event reported. */
  get usage(): TokenUsage | undefined {
    return this.lastUsage;
  }

  /** The text of every event these bytes completed, '' when none did. */
  push(bytes: Uint8Array): string {
    this.backslashAt = UNKNOWN;
    this.parser.feed(this.text.decode(bytes));
    return this.take();
  }

  /** The body ended: the text of whatever complete or trailing event was still pending. */
  finish(): string {
    const tail = this.text.end();
    this.backslashAt = UNKNOWN;
    if (tail.length > 0) this.parser.feed(tail);
    this.parser.end();
    this.collected += this.think.end();
    return this.take();
  }

  private take(): string {
    const text = this.collected;
    this.collected = '';
    return text;
  }

  /**
   * Reads whole events of the minimal shape, a `data: ` line followed by a blank line, straight from the text without
   * splitting it into lines: nearly every event of a Vitalentum reply is one, and this is the stream's hot path.
   * Indexes are checked against the length first: reading past the end makes V8 give up optimising the loop.
   */
  private takeMinimalEvents(text: string, start: number): number {
    let at = start;
    while (
      at + MINIMAL_LINE.length < text.length &&
      text.charCodeAt(at + LINE_PREFIX_LENGTH + DELTA_AT) === LETTER_D &&
      text.startsWith(MINIMAL_LINE, at)
    ) {
      const contentStart = at + MINIMAL_LINE.length;
      let quote = text.indexOf('"', contentStart);
      if (quote === -1) break;
      const escaped = this.firstBackslash(text, contentStart) < quote;
      if (escaped) quote = closingQuote(text, contentStart);
      if (quote === -1) break;
      let next: number;
      if (text.startsWith(MINIMAL_END_LF, quote)) next = quote + MINIMAL_END_LF.length;
      else if (text.startsWith(MINIMAL_END_CRLF, quote)) next = quote + MINIMAL_END_CRLF.length;
      else break;
      const content = escaped ? jsonStringAt(text, contentStart, quote) : text.slice(contentStart, quote);
      if (content === undefined) break;
      this.collected += this.think.push(content);
      at = next;
    }
    return at;
  }

  /** Searches each stretch of the text once, so the backslash checks of all its events cost linear time. */
  private firstBackslash(text: string, from: number): number {
    if (this.backslashAt === UNKNOWN || this.backslashAt < from) {
      const found = text.indexOf('\\', from);
      this.backslashAt = found === -1 ? Infinity : found;
    }
    return this.backslashAt;
  }

  private handleData(data: string): 'continue' | 'stop' {
    if (data === END_MARKER || (data.length < 16 && data.trim() === END_MARKER)) {
      this.sawEndMarker = true;
      this.collected += this.think.end();
      return 'stop';
    }
    const content = minimalContent(data) ?? this.canonical.read(data);
    if (content !== undefined) {
      this.collected += this.think.push(content);
      return 'continue';
    }
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch (error) {
      this.options.onWarning?.({
        kind: 'malformed-event',
        message: `Skipped an event whose data is not valid JSON (${(error as Error).message}).`,
        line: `data: ${data.length > WARNING_LINE_LENGTH ? `${data.slice(0, WARNING_LINE_LENGTH)}…` : data}`,
      });
      return 'continue';
    }
    const chunk = readChunk(event);
    if (chunk.error !== undefined) {
      this.reportedError = serverError(chunk.error.message, chunk.error.code, this.options.secret);
      this.collected += this.think.end();
      return 'stop';
    }
    if (chunk.reasoning !== undefined) this.options.onReasoning?.(chunk.reasoning);
    if (chunk.content !== undefined) this.collected += this.think.push(chunk.content);
    if (chunk.finishReason !== undefined) this.lastFinishReason = chunk.finishReason;
    if (chunk.usage !== undefined) this.lastUsage = chunk.usage;
    return 'continue';
  }
}
