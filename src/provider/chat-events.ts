import { SseParser } from './sse-parser';
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

/** The reply text an event's data carries (undefined for none); throws a SyntaxError when the data is not JSON. */
export function eventContent(data: string): string | undefined {
  return canonicalContent(data) ?? deltaContent(JSON.parse(data));
}

/**
 * Turns the bytes of a chat event stream into reply text: UTF-8 decoding across reads, SSE framing, JSON of each
 * event, the end marker. A data payload that is not JSON is reported through onWarning and skipped.
 */
export class ChatEventDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private readonly parser = new SseParser((data) => this.handleData(data));
  private collected = '';
  private sawEndMarker = false;

  constructor(private readonly onWarning?: (warning: ProviderWarning) => void) {}

  /** True once `data: [DONE]` arrived; nothing after it is read. */
  get done(): boolean {
    return this.sawEndMarker;
  }

  /** The text of every event these bytes completed, '' when none did. */
  push(bytes: Uint8Array): string {
    this.parser.feed(this.textDecoder.decode(bytes, { stream: true }));
    return this.take();
  }

  /** The body ended: the text of whatever complete or trailing event was still pending. */
  finish(): string {
    const tail = this.textDecoder.decode();
    if (tail.length > 0) this.parser.feed(tail);
    this.parser.end();
    return this.take();
  }

  private take(): string {
    const text = this.collected;
    this.collected = '';
    return text;
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
