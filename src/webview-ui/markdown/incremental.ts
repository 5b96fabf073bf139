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
