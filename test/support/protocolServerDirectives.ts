/**
 * Directives pick the test server's scenario from the text of the last user message, so a person typing into a real
 * chat UI can trigger every case. A directive is a bracketed token anywhere in the text; names are case-insensitive;
 * several may be combined (for example `[fault:stall] [chunks:3]`), the first of each name wins.
 *
 *   [fault:429]           429 with `Retry-After: 7`
 *   [fault:403]           403 with a Cloudflare-like "Just a moment..." HTML page
 *   [fault:500]           500 with a short plain-text body
 *   [fault:401]           401 with a JSON error, as a server refusing an API key answers
 *   [fault:reset]         the first few chunks, then the socket is destroyed
 *   [fault:stall]         the first few chunks, then silence until the client goes away
 *   [fault:malformed]     a `data:` line of broken JSON after the first chunk, then the rest of the reply
 *   [fault:no-done]       the whole reply, then the body ends without `data: [DONE]`
 *   [fault:content-type]  200 with `text/html` instead of an event stream
 *   [echo]                the reply is the rest of the message after this token (one space after it dropped),
 *                         verbatim, in chunks of 4 characters
 *   [chunks:N]            N small chunks: "w0 ", "w1 ", ...
 *   [size:N]              about N bytes of text, in chunks of up to 1000 characters
 *   [pace:MS]             MS milliseconds between chunks (the server's paceMs option otherwise)
 *
 * Without a content directive the reply is a realistic markdown answer: a paragraph, a list, a fenced code block.
 *
 * Reasoning, finish reasons, usage and in-stream errors (both protocols unless said otherwise):
 *   [reasoning:N]            N reasoning deltas ("r0 ", "r1 ", … see reasoningChunks) before the answer, as
 *                            `reasoning_content` (`reasoning` in the ollama shape)
 *   [think]                  the answer's content starts with a `<think>…</think>` block (THINK_TEXT inside, then a
 *                            blank line), its tags split across chunks; with [pace:MS] each chunk is its own read
 *   [finish:REASON]          the finish reason is REASON (for example length) instead of stop; OpenAI-compatible only:
 *                            the Vitalentum protocol has none
 *   [usage]                  a usage-only event (`choices: []`) before [DONE], prompt_tokens 42 and completion_tokens
 *                            the number of answer chunks (N for [chunks:N]); OpenAI-compatible only. The llamacpp shape
 *                            puts it on the last content event instead
 *   [stream-error]           after the first few chunks, `data: {"error":{"message":"model overloaded","code":503}}`
 *                            and the end of the body, without [DONE] (the shapes below write the error their way)
 *   [refuse-stream-options]  400 naming stream_options when the request body has that field (OpenAI-compatible)
 *
 * Shapes of the OpenAI-compatible stream, each as that server writes its events (default: OpenAI's own, with
 * `"usage":null` on every event when the request asked for usage, and a finish event with an empty delta):
 *   [shape:ollama]    no role event; `role` and `content` on every delta; `reasoning`; `<`, `>` and `&` escaped as
 *                     Go escapes them; the finish reason on a last event with empty content; errors without a code
 *   [shape:llamacpp]  a role event with `content: null`; the finish reason, usage and `timings` on the last content
 *                     event; `reasoning_content`; errors with llama.cpp's code, message and type
 *   [shape:vllm]      a role event with `content: ""`; `logprobs: null`; the finish reason (and `stop_reason`) on the
 *                     last content event; errors as Python's json.dumps writes vLLM's error object, spaces included
 *
 * Framing (both protocols):
 *   [cr]    every line ends with a lone \r        [crlf]  every line ends with \r\n
 *   [bom]   the body starts with a UTF-8 byte order mark, right before the first event with text (no comment or
 *           role event comes first)
 */

export type Fault = '429' | '403' | '500' | '401' | 'reset' | 'stall' | 'malformed' | 'no-done' | 'content-type';

const FAULTS: readonly Fault[] = ['429', '403', '500', '401', 'reset', 'stall', 'malformed', 'no-done', 'content-type'];

export type Shape = 'openai' | 'ollama' | 'llamacpp' | 'vllm';

const SHAPES: readonly Shape[] = ['openai', 'ollama', 'llamacpp', 'vllm'];

export interface Directives {
  fault?: Fault;
  echo?: string;
  chunks?: number;
  size?: number;
  paceMs?: number;
  reasoning?: number;
  think?: boolean;
  finish?: string;
  usage?: boolean;
  streamError?: boolean;
  refuseStreamOptions?: boolean;
  shape?: Shape;
  lineEnd?: '\r' | '\r\n';
  bom?: boolean;
}

const DIRECTIVE =
  /\[(fault|echo|chunks|size|pace|reasoning|think|finish|usage|stream-error|refuse-stream-options|shape|cr|crlf|bom)(?::([^\]\s]*))?\]/gi;

/** The directives without a value: each turns one thing on. */
function setFlag(directives: Directives, name: string): void {
  if (name === 'think') directives.think = true;
  if (name === 'usage') directives.usage = true;
  if (name === 'stream-error') directives.streamError = true;
  if (name === 'refuse-stream-options') directives.refuseStreamOptions = true;
  if (name === 'bom') directives.bom = true;
  if (name === 'cr') directives.lineEnd ??= '\r';
  if (name === 'crlf') directives.lineEnd ??= '\r\n';
}

function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function parseDirectives(text: string): Directives {
  const directives: Directives = {};
  for (const match of text.matchAll(DIRECTIVE)) {
    const name = match[1].toLowerCase();
    const value = match[2];
    if (name === 'echo' && directives.echo === undefined) {
      const rest = text.slice(match.index + match[0].length);
      directives.echo = rest.startsWith(' ') ? rest.slice(1) : rest;
      // Everything after [echo] is content, even text that looks like a directive.
      break;
    }
    if (name === 'fault' && directives.fault === undefined) {
      const fault = FAULTS.find((known) => known === value?.toLowerCase());
      if (fault !== undefined) directives.fault = fault;
    }
    if (name === 'shape' && directives.shape === undefined) {
      const shape = SHAPES.find((known) => known === value?.toLowerCase());
      if (shape !== undefined) directives.shape = shape;
    }
    if (name === 'finish' && value) directives.finish ??= value;
    if (value === undefined) setFlag(directives, name);
    const number = count(value);
    if (number === undefined) continue;
    if (name === 'chunks') directives.chunks ??= number;
    if (name === 'size') directives.size ??= number;
    if (name === 'pace') directives.paceMs ??= number;
    if (name === 'reasoning') directives.reasoning ??= number;
  }
  return directives;
}

/** The reasoning deltas of [reasoning:N]. */
export function reasoningChunks(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `r${i} `);
}

/** The reasoning inside the [think] block. */
export const THINK_TEXT = 'The user asks for an answer.';

/** The [think] block's content chunks: both tags split, then a blank line before the answer. */
export const THINK_CHUNKS = ['<thi', 'nk>', 'The user asks ', 'for an answer.', '</th', 'ink>', '\n\n'];

export const MARKDOWN_ANSWER = `Here is a small function that returns the n-th Fibonacci number. It walks the sequence once, so it runs in linear time and constant space.

- It starts from the first two numbers, 0 and 1.
- Each step adds the previous two numbers.
- Negative input is rejected with an error.

\`\`\`ts
export function fibonacci(n: number): number {
  if (n < 0) throw new RangeError('n must not be negative');
  let [previous, current] = [0, 1];
  for (let i = 0; i < n; i++) {
    [previous, current] = [current, previous + current];
  }
  return previous;
}
\`\`\`

Call \`fibonacci(10)\` to get **55**.`;

const FILLER = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ';
const SIZE_CHUNK = FILLER.repeat(Math.ceil(1000 / FILLER.length)).slice(0, 1000);

function* sizedChunks(size: number): Generator<string> {
  for (let sent = 0; sent < size; sent += SIZE_CHUNK.length) {
    yield size - sent >= SIZE_CHUNK.length ? SIZE_CHUNK : SIZE_CHUNK.slice(0, size - sent);
  }
}

function* numberedChunks(n: number): Generator<string> {
  for (let i = 0; i < n; i++) yield `w${i} `;
}

function* codePointChunks(text: string, length: number): Generator<string> {
  const codePoints = Array.from(text);
  for (let i = 0; i < codePoints.length; i += length) yield codePoints.slice(i, i + length).join('');
}

/** The reply's text chunks, produced lazily so a reply of many megabytes costs the server no memory. */
export function replyChunks(directives: Directives): Iterable<string> {
  if (directives.echo !== undefined) return codePointChunks(directives.echo, 4);
  if (directives.chunks !== undefined) return numberedChunks(directives.chunks);
  if (directives.size !== undefined) return sizedChunks(directives.size);
  return MARKDOWN_ANSWER.match(/\s*\S+/g) ?? [];
}
