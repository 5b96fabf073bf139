// The streaming form of one reply: text is appended as it arrives; each render returns the blocks that just became
// stable (rendered once, never again) and the HTML of the still-growing tail. A render can be given a share of the
// stable text, so that a burst of text is rendered over several frames instead of in one long task. A code block
// fenced at the start of a line streams on its own: its code is shown as it grows, each line highlighted once
// (streamingCode.ts), instead of being rendered again whole in the tail at every frame.
import { neutralizeControlChars } from '../controlChars';
import {
  closesFence,
  findFenceEnd,
  lastStableBoundary,
  leadingFence,
  mayCloseFence,
  type OpenFence,
  stableBoundaryNear,
} from './blocks';
import { finalEnv, type MarkdownRenderer, type RenderEnv, STREAMING_HIGHLIGHT_LIMIT } from './render';
import type { CodeUpdate, StreamingCode } from './streamingCode';

/** What to show of the code block at the front of the text. */
export interface CodeStep extends CodeUpdate {
  /** The block's HTML with no code yet, when it starts at this step: it goes after the blocks before it. */
  opened?: string;
  /** The block is complete and shown whole; the blocks of later steps go after it. */
  done: boolean;
}

export interface IncrementalRender {
  /** HTML of blocks that became stable since the previous render, to append after the earlier ones. */
  frozen: string;
  /** The code block at the front of the text, instead of `frozen`, while it streams and as it completes. */
  code?: CodeStep;
  /** HTML of the last, still-growing part, replacing the previous tail; empty while stable blocks wait their turn. */
  tail: string;
  /** Everything appended so far is rendered: no stable block waits for a later render. */
  caughtUp: boolean;
  /** The characters of source rendered as stable blocks, or of code highlighted: the step's cost. */
  stableChars: number;
}

/** A trailing CR may be the first half of CRLF, a trailing high surrogate the first half of a pair. */
const INCOMPLETE_END = /(?:\r|[\uD800-\uDBFF])$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/** A code block that has opened: its highlighter, and how far its closing line was looked for. */
interface OpenCode {
  stream: StreamingCode;
  fence: OpenFence;
  contentStart: number;
  scannedTo: number;
  /** The block's HTML with no code, until the first step hands it on. */
  opened?: string;
}

export class IncrementalMarkdown {
  /**
   * The text not yet rendered as stable blocks. The source of a block is dropped once its HTML is handed on: the DOM
   * holds it then, and a reply of thousands of lines is not kept twice.
   */
  private rest = '';
  private held = '';
  /** A block rendered already defined a link reference. */
  private definesReference = false;
  /** The text is complete: all of it counts as stable. */
  private complete = false;
  /** Shared by the stable blocks so a link reference defined in one is known to the later ones. */
  private readonly env: RenderEnv = finalEnv();
  /** The code block at the front of `rest`, once it has opened. */
  private code: OpenCode | undefined;

  constructor(private readonly renderer: MarkdownRenderer) {}

  append(raw: string): void {
    const pending = this.held + raw;
    const cut = INCOMPLETE_END.test(pending) ? pending.length - 1 : pending.length;
    this.held = pending.slice(cut);
    this.rest += neutralizeControlChars(pending.slice(0, cut));
  }

  /**
   * The text is complete: the rest renders as stable blocks, the reply's final form without rendering it all again.
   * False when the text defines a link reference, which the blocks before it resolve only in a whole render.
   */
  finish(): boolean {
    this.rest += neutralizeControlChars(this.held);
    this.held = '';
    if (this.definesReference || REFERENCE_DEFINITION.test(this.rest)) return false;
    this.complete = true;
    return true;
  }

  /** Renders about `maxChars` of the stable text waiting (one block at least), then the tail once none waits. */
  render(maxChars = Infinity): IncrementalRender {
    const code = this.code ?? this.openCode();
    if (code) return this.renderCode(code, maxChars);
    // The rest starts at a block boundary, so where it can be cut does not depend on the blocks before it. The scan
    // stops at a top-level fence: when it finds one, the blocks before it are all there is to render before its code.
    const last = lastStableBoundary(this.rest);
    const stable = this.complete && !leadingFence(this.rest, last) ? this.rest.length : last;
    // Cut where the share ends; once complete, the text's end is a boundary the scan does not see.
    const boundary = stable > maxChars ? stableBoundaryNear(this.rest, maxChars) || stable : stable;
    let frozen = '';
    if (boundary > 0) {
      const blocks = this.rest.slice(0, boundary);
      if (REFERENCE_DEFINITION.test(blocks)) this.definesReference = true;
      frozen = this.renderer.render(blocks, this.env);
      this.rest = this.rest.slice(boundary);
    }
    // A fence that the blocks rendered led to is the next step's.
    const fenceNext = leadingFence(this.rest) !== undefined;
    if (boundary < stable || this.complete || fenceNext) {
      return { frozen, tail: '', caughtUp: boundary === stable && !fenceNext, stableChars: boundary };
    }
    const tail = this.renderer.render(this.rest, {
      highlightLimit: STREAMING_HIGHLIGHT_LIMIT,
      references: { ...this.env.references },
    });
    return { frozen, tail, caughtUp: true, stableChars: boundary };
  }

  private openCode(): OpenCode | undefined {
    const leading = leadingFence(this.rest);
    if (!leading) return undefined;
    const { fence, info, contentStart } = leading;
    const { html, code } = this.renderer.openCode(fence.char.repeat(fence.length), info);
    this.code = { stream: code, fence, contentStart, scannedTo: contentStart, opened: html };
    return this.code;
  }

  /**
   * The step of the code block at the front of the text: its code so far, without a last line that may be the start
   * of its closing line; once closed (or the text complete), all of it, and the text after it is the next step's.
   */
  private renderCode(code: OpenCode, maxChars: number): IncrementalRender {
    const end = findFenceEnd(this.rest, code.fence, code.scannedTo);
    let codeEnd = this.rest.length;
    let blockEnd = this.rest.length;
    let complete = this.complete;
    if (end.closed) {
      ({ codeEnd, blockEnd } = end);
      complete = true;
    } else {
      code.scannedTo = end.scannedTo;
      const lastLine = this.rest.slice(end.scannedTo);
      const closing = this.complete ? closesFence(lastLine, code.fence) : mayCloseFence(lastLine, code.fence);
      if (closing) codeEnd = end.scannedTo;
    }
    const update = code.stream.update(this.rest.slice(code.contentStart, codeEnd), maxChars, complete);
    const done = complete && update.caughtUp;
    const step: CodeStep = { ...update, opened: code.opened, done };
    code.opened = undefined;
    if (done) {
      this.rest = this.rest.slice(blockEnd);
      this.code = undefined;
    }
    // Once done, the blocks after it may be waiting.
    return { frozen: '', code: step, tail: '', caughtUp: update.caughtUp && !done, stableChars: update.highlighted };
  }
}
