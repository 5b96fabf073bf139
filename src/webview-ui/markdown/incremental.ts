// The streaming form of one reply: text is appended as it arrives; each render returns the blocks that just became
// stable (rendered once, never again) and the HTML of the still-growing tail. A render can be given a share of the
// stable text, so that a burst of text is rendered over several frames instead of in one long task.
import { neutralizeControlChars } from '../controlChars';
import { lastStableBoundary, stableBoundaryNear } from './blocks';
import { finalEnv, type MarkdownRenderer, type RenderEnv, STREAMING_HIGHLIGHT_LIMIT } from './render';

export interface IncrementalRender {
  /** HTML of blocks that became stable since the previous render, to append after the earlier ones. */
  frozen: string;
  /** HTML of the last, still-growing part, replacing the previous tail; empty while stable blocks wait their turn. */
  tail: string;
  /** Everything appended so far is rendered: no stable block waits for a later render. */
  caughtUp: boolean;
  /** The characters of source rendered as stable blocks. */
  stableChars: number;
}

/** A trailing CR may be the first half of CRLF, a trailing high surrogate the first half of a pair. */
const INCOMPLETE_END = /(?:\r|[\uD800-\uDBFF])$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

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
    // The rest starts at a block boundary, so where it can be cut does not depend on the blocks before it.
    const stable = this.complete ? this.rest.length : lastStableBoundary(this.rest);
    // Cut where the share ends; once complete, the text's end is a boundary the scan does not see.
    const boundary = stable > maxChars ? stableBoundaryNear(this.rest, maxChars) || stable : stable;
    let frozen = '';
    if (boundary > 0) {
      const blocks = this.rest.slice(0, boundary);
      if (REFERENCE_DEFINITION.test(blocks)) this.definesReference = true;
      frozen = this.renderer.render(blocks, this.env);
      this.rest = this.rest.slice(boundary);
    }
    if (boundary < stable || this.complete) {
      return { frozen, tail: '', caughtUp: boundary === stable, stableChars: boundary };
    }
    const tail = this.renderer.render(this.rest, {
      highlightLimit: STREAMING_HIGHLIGHT_LIMIT,
      references: { ...this.env.references },
    });
    return { frozen, tail, caughtUp: true, stableChars: boundary };
  }
}
