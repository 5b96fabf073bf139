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
 */

export type Fault = '429' | '403' | '500' | '401' | 'reset' | 'stall' | 'malformed' | 'no-done' | 'content-type';

const FAULTS: readonly Fault[] = ['429', '403', '500', '401', 'reset', 'stall', 'malformed', 'no-done', 'content-type'];

export interface Directives {
  fault?: Fault;
  echo?: string;
  chunks?: number;
  size?: number;
  paceMs?: number;
}

const DIRECTIVE = /\[(fault|echo|chunks|size|pace)(?::([^\]\s]*))?\]/gi;

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
    const number = count(value);
    if (number === undefined) continue;
    if (name === 'chunks') directives.chunks ??= number;
    if (name === 'size') directives.size ??= number;
    if (name === 'pace') directives.paceMs ??= number;
  }
  return directives;
}

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
