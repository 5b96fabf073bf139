// A code block's text is most of a reply's markup (highlight.js wraps each token in a span), and walking it was most
// of DOMPurify's work, every frame of a streamed reply. That markup has one known, harmless shape (isHighlightMarkup),
// so it is held back while DOMPurify sanitizes the rest of the HTML, and put back into its code element after.
import { isHighlightMarkup } from './sanitize';

/** The end of a code element's start tag with its content held back, as DOMPurify writes it out again. */
const SLOT = / data-code-slot="(\d+)"><\/code>/g;
const ANY_SLOT = / data-code-slot="\d+"><\/code>/;

export class CodeSlots {
  private readonly held: string[] = [];

  /**
   * The rest of a code element's start tag, its content and its end tag, with content of highlight.js's shape held
   * back (escaped plain text has that shape too); content of any other shape stays, for DOMPurify.
   */
  close(content: string): string {
    if (!isHighlightMarkup(content)) return `>${content}</code>`;
    this.held.push(content);
    return ` data-code-slot="${this.held.length - 1}"></code>`;
  }

  /** The sanitized HTML with the content put back, or `undefined` unless every slot came through once, in order. */
  fill(sanitized: string): string | undefined {
    let next = 0;
    const filled = sanitized.replace(SLOT, (slot, index: string) => {
      if (Number(index) !== next) return slot;
      return `>${this.held[next++]}</code>`;
    });
    return next === this.held.length && !ANY_SLOT.test(filled) ? filled : undefined;
  }

  /** The unsanitized HTML with the content put back: for sanitizing whole when a slot did not come through. */
  inline(html: string): string {
    return html.replace(SLOT, (_slot, index: string) => `>${this.held[Number(index)]}</code>`);
  }
}
