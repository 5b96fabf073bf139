// Separates a `<think>…</think>` block at the very start of a reply's content, the model's reasoning, from the answer.

const OPEN_TAG = '<think>';
const CLOSE_TAG = '</think>';

// Numbers rather than strings: the state is checked for every event of a reply.
const AT_START = 0;
const IN_BLOCK = 1;
const AFTER_BLOCK = 2;
const ANSWER = 3;

/** How long the longest end of `text` is that could be the start of the closing tag, split across events. */
function partialCloseTag(text: string): number {
  for (let length = Math.min(CLOSE_TAG.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(CLOSE_TAG.slice(0, length))) return length;
  }
  return 0;
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length;
}

/**
 * Fed the content of a reply piece by piece, in whatever pieces it arrives (a tag may be split anywhere), returns the
 * answer's text and hands the block's text to onReasoning. Only a block that opens the content (whitespace before it
 * aside) is reasoning; whitespace right after `</think>` is dropped; a `<think>` anywhere later is answer text.
 */
export class ThinkBlockSplitter {
  private state = AT_START;
  /** Text that cannot be placed yet: the start of the content, or what may be the start of the closing tag. */
  private held = '';

  constructor(private readonly onReasoning: (text: string) => void) {}

  /** The answer text in this piece of content; some of it may be held back until the next piece or end(). */
  push(text: string): string {
    if (this.state === ANSWER) return text;
    if (this.state === AT_START) return this.atStart(text);
    if (this.state === IN_BLOCK) return this.inBlock(text);
    return this.afterBlock(text);
  }

  /** The content ended: what was held back, as what it has turned out to be. */
  end(): string {
    const held = this.held;
    this.held = '';
    if (this.state === IN_BLOCK && held.length > 0) this.onReasoning(held);
    return this.state === AT_START ? held : '';
  }

  private atStart(text: string): string {
    const seen = this.held + text;
    const rest = seen.slice(leadingSpace(seen));
    if (rest.startsWith(OPEN_TAG)) {
      this.held = '';
      this.state = IN_BLOCK;
      return this.inBlock(rest.slice(OPEN_TAG.length));
    }
    if (OPEN_TAG.startsWith(rest)) {
      this.held = seen;
      return '';
    }
    this.held = '';
    this.state = ANSWER;
    return seen;
  }

  private inBlock(text: string): string {
    const seen = this.held + text;
    const close = seen.indexOf(CLOSE_TAG);
    if (close !== -1) {
      if (close > 0) this.onReasoning(seen.slice(0, close));
      this.held = '';
      this.state = AFTER_BLOCK;
      return this.afterBlock(seen.slice(close + CLOSE_TAG.length));
    }
    const reasoningEnd = seen.length - partialCloseTag(seen);
    if (reasoningEnd > 0) this.onReasoning(seen.slice(0, reasoningEnd));
    this.held = seen.slice(reasoningEnd);
    return '';
  }

  private afterBlock(text: string): string {
    const start = leadingSpace(text);
    if (start === text.length) return '';
    this.state = ANSWER;
    return text.slice(start);
  }
}
