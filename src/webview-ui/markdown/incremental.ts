// The streaming form of one reply: text is appended as it arrives; each render returns the blocks that just became
// stable (rendered once, never again) and the HTML of the still-growing tail.
import { neutralizeControlChars } from '../controlChars';
import { lastStableBoundary } from './blocks';
import { FINAL_HIGHLIGHT_LIMIT, type MarkdownRenderer, type RenderEnv, STREAMING_HIGHLIGHT_LIMIT } from './render';

export interface IncrementalRender {
  /** HTML of blocks that became stable since the previous render, to append after the earlier ones. */
  frozen: string;
  /** HTML of the last, still-growing part, replacing the previous tail. */
  tail: string;
}

/** A trailing CR may be the first half of CRLF, a trailing high surrogate the first half of a pair. */
const INCOMPLETE_END = /(?:\r|[\uD800-\uDBFF])$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

export class IncrementalMarkdown {
  private text = '';
  private held = '';
  private frozenUpTo = 0;
  /** Shared by the stable blocks so a link reference defined in one is known to the later ones. */
  private readonly env: RenderEnv = { highlightLimit: FINAL_HIGHLIGHT_LIMIT };

  constructor(private readonly renderer: MarkdownRenderer) {}

  append(raw: string): void {
    const pending = this.held + raw;
    const cut = INCOMPLETE_END.test(pending) ? pending.length - 1 : pending.length;
    this.held = pending.slice(cut);
    this.text += neutralizeControlChars(pending.slice(0, cut));
  }

  /**
   * The HTML of the rest as stable blocks, the text being complete: the reply's final form without rendering it all
   * again. `undefined` when the text defines a link reference, which blocks before it resolve only in a whole render.
   */
  finish(): string | undefined {
    this.text += neutralizeControlChars(this.held);
    this.held = '';
    if (REFERENCE_DEFINITION.test(this.text)) return undefined;
    const rest = this.text.slice(this.frozenUpTo);
    this.frozenUpTo = this.text.length;
    return rest === '' ? '' : this.renderer.render(rest, this.env);
  }

  render(): IncrementalRender {
    const boundary = lastStableBoundary(this.text, this.frozenUpTo);
    let frozen = '';
    if (boundary > this.frozenUpTo) {
      frozen = this.renderer.render(this.text.slice(this.frozenUpTo, boundary), this.env);
      this.frozenUpTo = boundary;
    }
    const tail = this.renderer.render(this.text.slice(this.frozenUpTo), {
      highlightLimit: STREAMING_HIGHLIGHT_LIMIT,
      references: { ...this.env.references },
    });
    return { frozen, tail };
  }
}
