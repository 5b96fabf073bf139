// Chat events from the SSE stream: the reply text each carries, the end marker, and warnings for malformed ones.
import { isAscii } from 'node:buffer';
import { SseParser } from './sseParser';
import type { ProviderWarning } from './types';

const END_MARKER = '[DONE]';
const WARNING_LINE_LENGTH = 200;

interface ChatCompletionChunk {
  choices?: Array<{ delta?: { content?: unknown } } | null>;
}

/** `choices[0].delta.content` when it is a string; events with a role-only or empty delta carry no text. */
function deltaContent(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const choices = (event as ChatCompletionChunk).choices;
  if (!Array.isArray(choices)) return undefined;
  const content = choices[0]?.delta?.content;
  return typeof content === 'string' ? content : undefined;
}

const DELTA_KEY = '"delta":{';
const CONTENT_KEY = '"content":"';

/**
 * The content of the canonical event shape, one choice whose delta holds a content string without escapes, read
 * straight from the text; undefined when the event is anything else. JSON.parse of every event would cost as much as
 * all the rest of the stream's handling, and nearly every event of a reply has this shape. An unescaped
 * `"content":"` can only be a key, since quotes inside JSON strings are escaped.
 */
function canonicalContent(data: string): string | undefined {
  if (data.charCodeAt(data.length - 1) !== 125 /* } */) return undefined;
  const delta = data.indexOf(DELTA_KEY);
  if (delta === -1 || data.indexOf('"delta":', delta + DELTA_KEY.length) !== -1) return undefined;
  const choices = data.indexOf('"choices":[{');
  if (choices === -1 || choices > delta) return undefined;
  const key = data.indexOf(CONTENT_KEY, delta);
  if (key === -1) return undefined;
  // The key must belong to the delta object: nothing closes an object between the delta's start and the key.
  const closing = data.indexOf('}', delta);
  if (closing !== -1 && closing < key) return undefined;
  const start = key + CONTENT_KEY.length;
  const end = data.indexOf('"', start);
  if (end === -1) return undefined;
  const backslash = data.indexOf('\\', start);
  if (backslash !== -1 && backslash < end) return undefined;
  const after = data.charCodeAt(end + 1);
  if (after !== 125 /* } */ && after !== 44 /* , */) return undefined;
  return data.slice(start, end);
}

const MINIMAL_PREFIX = '{"choices":[{"delta":{"content":"';
const MINIMAL_SUFFIX = '"}}]}';
const MINIMAL_LENGTH = MINIMAL_PREFIX.length + MINIMAL_SUFFIX.length;

/**
 * The content of the smallest event shape, `{"choices":[{"delta":{"content":"…"}}]}` with no escapes, which is what
 * the Vitalentum protocol sends: one prefix comparison and two single-character searches. Undefined for any other
 * shape.
 */
function minimalContent(data: string): string | undefined {
  if (data.length < MINIMAL_LENGTH || data.charCodeAt(DELTA_AT) !== LETTER_D) return undefined;
  if (!data.startsWith(MINIMAL_PREFIX)) return undefined;
  const end = data.length - MINIMAL_SUFFIX.length;
  if (data.indexOf('"', MINIMAL_PREFIX.length) !== end || !data.endsWith(MINIMAL_SUFFIX)) return undefined;
  if (data.indexOf('\\', MINIMAL_PREFIX.length) !== -1) return undefined;
  return data.slice(MINIMAL_PREFIX.length, end);
}

const MINIMAL_LINE = `data: ${MINIMAL_PREFIX}`;
const MINIMAL_END_LF = `${MINIMAL_SUFFIX}\n\n`;
const MINIMAL_END_CRLF = `${MINIMAL_SUFFIX}\r\n\r\n`;
const UNKNOWN = -1;
// Checked before comparing a whole prefix, which costs more on text with non-Latin-1 characters: the OpenAI shape has
// other keys where the minimal shape has "delta". Indexes are checked against the length first: reading past the end
// makes V8 give up optimising the loop.
const DELTA_AT = MINIMAL_PREFIX.indexOf('delta');
const LETTER_D = 100;
const LINE_PREFIX_LENGTH = 'data: '.length;

/** The reply text an event's data carries (undefined for none); throws a SyntaxError when the data is not JSON. */
export function eventContent(data: string): string | undefined {
  return minimalContent(data) ?? canonicalContent(data) ?? deltaContent(JSON.parse(data));
}

/**
 * Turns the bytes of a chat event stream into reply text: UTF-8 decoding across reads, SSE framing, JSON of each
 * event, the end marker. A data payload that is not JSON is reported through onWarning and skipped.
 */
export class ChatEventDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private decoderInUse = false;
  private readonly parser = new SseParser(
    (data) => this.handleData(data),
    (text, start) => this.takeMinimalEvents(text, start),
  );
  private collected = '';
  private sawEndMarker = false;
  /** The first backslash at or after the last position asked about in the text being fed; Infinity for none. */
  private backslashAt = UNKNOWN;

  constructor(private readonly onWarning?: (warning: ProviderWarning) => void) {}

  /** True once `data: [DONE]` arrived; nothing after it is read. */
  get done(): boolean {
    return this.sawEndMarker;
  }

  /** The text of every event these bytes completed, '' when none did. */
  push(bytes: Uint8Array): string {
    this.backslashAt = UNKNOWN;
    this.parser.feed(this.decode(bytes));
    return this.take();
  }

  /** The body ended: the text of whatever complete or trailing event was still pending. */
  finish(): string {
    const tail = this.textDecoder.decode();
    this.backslashAt = UNKNOWN;
    if (tail.length > 0) this.parser.feed(tail);
    this.parser.end();
    return this.take();
  }

  /**
   * ASCII needs no decoding, and copying it is several times cheaper than a streaming TextDecoder. Once other bytes
   * arrive, every read goes through the TextDecoder, which may hold the start of a character split across reads.
   */
  private decode(bytes: Uint8Array): string {
    if (!this.decoderInUse && isAscii(bytes)) {
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    }
    this.decoderInUse = true;
    return this.textDecoder.decode(bytes, { stream: true });
  }

  private take(): string {
    const text = this.collected;
    this.collected = '';
    return text;
  }

  /**
   * Reads whole events of the minimal shape, a `data: ` line followed by a blank line, straight from the text without
   * splitting it into lines: nearly every event of a Vitalentum reply is one, and this is the stream's hot path.
   */
  private takeMinimalEvents(text: string, start: number): number {
    let at = start;
    while (
      at + MINIMAL_LINE.length < text.length &&
      text.charCodeAt(at + LINE_PREFIX_LENGTH + DELTA_AT) === LETTER_D &&
      text.startsWith(MINIMAL_LINE, at)
    ) {
      const contentStart = at + MINIMAL_LINE.length;
      const quote = text.indexOf('"', contentStart);
      if (quote === -1) break;
      let next: number;
      if (text.startsWith(MINIMAL_END_LF, quote)) next = quote + MINIMAL_END_LF.length;
      else if (text.startsWith(MINIMAL_END_CRLF, quote)) next = quote + MINIMAL_END_CRLF.length;
      else break;
      if (this.firstBackslash(text, contentStart) < quote) break;
      this.collected += text.slice(contentStart, quote);
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
      return 'stop';
    }
    let content: string | undefined;
    try {
      content = eventContent(data);
    } catch (error) {
      this.onWarning?.({
        kind: 'malformed-event',
        message: `Skipped an event whose data is not valid JSON (${(error as Error).message}).`,
        line: `data: ${data.length > WARNING_LINE_LENGTH ? `${data.slice(0, WARNING_LINE_LENGTH)}…` : data}`,
      });
      return 'continue';
    }
    if (content !== undefined) this.collected += content;
    return 'continue';
  }
}
