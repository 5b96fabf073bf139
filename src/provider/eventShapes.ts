// What one chat event's data carries: fast readers for the shapes nearly every event has, read straight from the
// text, and the full reading of any other shape from its JSON.
import type { TokenUsage } from './types';

/** What an event may carry; each field is set only when the event had it. */
export interface ChatChunk {
  content?: string;
  reasoning?: string;
  finishReason?: string;
  usage?: TokenUsage;
  /** An error event (`{"error": {...}}` or `{"error": "text"}`): the server gave up on the reply. */
  error?: { message: string; code?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function usageOf(value: unknown): TokenUsage | undefined {
  if (!isRecord(value)) return undefined;
  const { prompt_tokens: promptTokens, completion_tokens: completionTokens } = value;
  if (typeof promptTokens !== 'number' || typeof completionTokens !== 'number') return undefined;
  return { promptTokens, completionTokens };
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function errorOf(value: unknown): ChatChunk['error'] {
  if (hasText(value)) return { message: value };
  if (!isRecord(value)) return undefined;
  // Without a message, the error object itself is the best account of what happened.
  const message = hasText(value.message) ? value.message : JSON.stringify(value);
  const { code } = value;
  return typeof code === 'string' || typeof code === 'number' ? { message, code: String(code) } : { message };
}

/**
 * Everything an event's parsed JSON carries. Only the first choice counts; a delta's `reasoning_content` (llama.cpp,
 * vLLM, DeepSeek) or `reasoning` (Ollama, newer vLLM) is reasoning, one of them only, as some servers send both.
 */
export function readChunk(event: unknown): ChatChunk {
  if (!isRecord(event)) return {};
  const error = errorOf(event.error);
  if (error !== undefined) return { error };
  const chunk: ChatChunk = {};
  const usage = usageOf(event.usage);
  if (usage !== undefined) chunk.usage = usage;
  const choice = Array.isArray(event.choices) ? (event.choices[0] as unknown) : undefined;
  if (!isRecord(choice)) return chunk;
  if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
    chunk.finishReason = choice.finish_reason;
  }
  const delta = choice.delta;
  if (!isRecord(delta)) return chunk;
  if (typeof delta.content === 'string') chunk.content = delta.content;
  const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') chunk.reasoning = reasoning;
  return chunk;
}

/**
 * A key whose value matters, with a value other than null. Servers send `"finish_reason":null` and `"usage":null`
 * with every event, and those stay on the fast path. A quote inside a JSON string is escaped, so an unescaped quoted
 * name followed by a colon is a key; a match anywhere else only costs the fast path.
 */
const KEY_WITH_VALUE = /"(?:finish_reason|usage|reasoning_content|reasoning|error)"\s*:\s*(?!null)/;

const BACKSLASH = 92;

/**
 * Where the JSON string whose text starts at `from` closes: the first quote not escaped by a backslash, or -1 when the
 * text holds none. Each run of backslashes is counted once, before the one quote it precedes, so this is linear.
 */
export function closingQuote(text: string, from: number): number {
  for (let at = from; ;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (quote - backslashes > from && text.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * The value of the JSON string between `start` and its closing quote `end`: the text itself when it has no escape,
 * else what JSON.parse makes of the string alone (a model's code has a line break or a quote in nearly every event).
 * Undefined when an escape is not valid JSON, so the full reading reports the event.
 */
export function jsonStringAt(text: string, start: number, end: number): string | undefined {
  const backslash = text.indexOf('\\', start);
  if (backslash === -1 || backslash > end) return text.slice(start, end);
  try {
    return JSON.parse(text.slice(start - 1, end + 1)) as string;
  } catch {
    return undefined;
  }
}

const DELTA_KEY = '"delta":{';
const CONTENT_KEY = '"content":"';

/**
 * Where the content of the canonical event shape starts: one choice whose delta holds a content string, and nothing
 * else of interest (no reasoning, finish reason, usage or error). -1 for any other shape.
 */
function canonicalStart(data: string): number {
  if (data.charCodeAt(data.length - 1) !== 125 /* } */) return -1;
  const delta = data.indexOf(DELTA_KEY);
  if (delta === -1 || data.indexOf('"delta":', delta + DELTA_KEY.length) !== -1) return -1;
  const choices = data.indexOf('"choices":[{');
  if (choices === -1 || choices > delta) return -1;
  const key = data.indexOf(CONTENT_KEY, delta);
  if (key === -1) return -1;
  // The key must belong to the delta object: nothing closes an object between the delta's start and the key.
  const closing = data.indexOf('}', delta);
  if (closing !== -1 && closing < key) return -1;
  const start = key + CONTENT_KEY.length;
  const end = closingQuote(data, start);
  if (end === -1) return -1;
  const after = data.charCodeAt(end + 1);
  if (after !== 125 /* } */ && after !== 44 /* , */) return -1;
  return KEY_WITH_VALUE.test(data) ? -1 : start;
}

/**
 * The content of the canonical event shape, read straight from the text; undefined when the event is anything else.
 * JSON.parse of every event would cost as much as all the rest of the stream's handling, and nearly every event of a
 * reply has this shape.
 */
export function canonicalContent(data: string): string | undefined {
  const start = canonicalStart(data);
  return start === -1 ? undefined : jsonStringAt(data, start, closingQuote(data, start));
}

/**
 * Reads canonical events, remembering the text around the content of the last one: the events of a stream mostly
 * differ in their content alone, and an event that is the remembered text around one JSON string has the same
 * structure, so it needs no other check.
 */
export class CanonicalReader {
  private prefix = '';
  private suffix = '';

  read(data: string): string | undefined {
    const { prefix, suffix } = this;
    const end = data.length - suffix.length;
    // lastIndexOf from 0 compares at the start only, and several times faster than startsWith does in V8.
    if (prefix.length > 0 && end >= prefix.length && data.lastIndexOf(prefix, 0) === 0 && data.endsWith(suffix)) {
      if (closingQuote(data, prefix.length) === end) return jsonStringAt(data, prefix.length, end);
    }
    const start = canonicalStart(data);
    if (start === -1) return undefined;
    const close = closingQuote(data, start);
    this.prefix = data.slice(0, start);
    this.suffix = data.slice(close);
    return jsonStringAt(data, start, close);
  }
}

export const MINIMAL_PREFIX = '{"choices":[{"delta":{"content":"';
export const MINIMAL_SUFFIX = '"}}]}';
const MINIMAL_LENGTH = MINIMAL_PREFIX.length + MINIMAL_SUFFIX.length;
// Checked before comparing a whole prefix, which costs more on text with non-Latin-1 characters: the OpenAI shape has
// other keys where the minimal shape has "delta".
export const DELTA_AT = MINIMAL_PREFIX.indexOf('delta');
export const LETTER_D = 100;

/**
 * The content of the smallest event shape, `{"choices":[{"delta":{"content":"…"}}]}`, which is what the Vitalentum
 * protocol sends: one prefix comparison and a search for the closing quote. Undefined for any other shape, including
 * the same one with any further field.
 */
export function minimalContent(data: string): string | undefined {
  if (data.length < MINIMAL_LENGTH || data.charCodeAt(DELTA_AT) !== LETTER_D) return undefined;
  if (!data.startsWith(MINIMAL_PREFIX)) return undefined;
  const end = data.length - MINIMAL_SUFFIX.length;
  if (!data.endsWith(MINIMAL_SUFFIX) || closingQuote(data, MINIMAL_PREFIX.length) !== end) return undefined;
  return jsonStringAt(data, MINIMAL_PREFIX.length, end);
}

/** The reply text an event's data carries (undefined for none); throws a SyntaxError when the data is not JSON. */
export function eventContent(data: string): string | undefined {
  return minimalContent(data) ?? canonicalContent(data) ?? readChunk(JSON.parse(data)).content;
}
