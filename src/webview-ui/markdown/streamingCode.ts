// The code of a fenced block while it streams in, highlighted a piece at a time: the complete lines since the last
// piece that ended outside any comment or string are highlighted together; when they end outside one too, they are
// settled, appended once and never highlighted again. Highlighting the whole block again at each frame cost a frame
// 5 to 15 ms at 10,000 characters, and the browser as much again to parse and lay it out anew. A few grammars match
// across lines (YAML's block scalars, Markdown's underlined headings), so once complete the block is highlighted again
// whole, off the main thread, and replaced only where that differs.
import { escapeHtml } from './escape';
import { highlightPiece } from './highlight';
import { isHighlightMarkup } from './sanitize';

/**
 * Past this many characters of code that never ended outside a construct (a long comment, or a stray quote that
 * turned the rest into a string), they are settled anyway: highlighting them again at each frame would cost as much
 * as highlighting the block whole did. The check once complete puts right what that got wrong.
 */
const UNSETTLED_LIMIT = 10_000;

export interface CodeUpdate {
  /** HTML of code that will not change, to append after what was settled before. */
  settled: string;
  /** HTML of the code after it, replacing the previous live HTML. */
  live: string;
  /** Characters of code highlighted for this update: its cost. */
  highlighted: number;
  /** Every complete line is shown highlighted; false when some wait for a later update, shown plain meanwhile. */
  caughtUp: boolean;
  /** Once complete, when some of it was highlighted but the whole is too long or has a line too long: plain code. */
  plain?: string;
  /**
   * Once complete and highlighted: the language, and the HTML settled (all of the block's), to check against the whole
   * block highlighted again.
   */
  recheck?: { language: string; shown: string };
}

/** The limits of render.ts that decide whether code is highlighted. */
export interface CodeLimits {
  /** Code longer than this is shown plain. */
  maxChars: number;
  /** A line longer than this keeps the code plain. */
  longLine: RegExp;
}

export class StreamingCode {
  /** Characters of the code settled so far. */
  private settledChars = 0;
  /** The HTML settled so far, while highlighted: kept for the check once complete. */
  private shown = '';
  /** The code grew past what is highlighted, or holds a line too long: what remains is plain. */
  private plain: boolean;

  /** `language` undefined: the code is shown plain. */
  constructor(
    private readonly language: string | undefined,
    private readonly limits: CodeLimits,
  ) {
    this.plain = language === undefined;
  }

  /**
   * The update for the code so far: `code` grows by appending, `maxChars` is how much may be highlighted now (whole
   * lines, one at least), and `complete` says the code is final (its last line need not end in a line break).
   */
  update(code: string, maxChars: number, complete: boolean): CodeUpdate {
    const pending = code.slice(this.settledChars);
    const lines = complete ? pending.length : pending.lastIndexOf('\n') + 1;
    const plain = this.plain || this.tooLong(code, pending.slice(0, lines));
    if (plain) return this.plainUpdate(code, pending, lines, complete);
    const take = lines > maxChars ? this.share(pending, maxChars, lines) : lines;
    const piece = pending.slice(0, take);
    const highlighted = piece === '' ? { html: '', endsAtTop: true } : this.highlight(piece);
    const rest = escapeHtml(pending.slice(take));
    const settles = highlighted.endsAtTop || piece.length >= UNSETTLED_LIMIT || (complete && take === lines);
    const update: CodeUpdate = {
      settled: settles ? highlighted.html : '',
      live: settles ? rest : highlighted.html + rest,
      highlighted: piece.length,
      caughtUp: take === lines,
    };
    if (settles) {
      this.shown += highlighted.html;
      this.settledChars += take;
    }
    if (complete && update.caughtUp && this.language !== undefined && code !== '') {
      update.recheck = { language: this.language, shown: this.shown };
    }
    return update;
  }

  /** Whole lines of `pending` up to `maxChars`, or its first line when that is longer. */
  private share(pending: string, maxChars: number, lines: number): number {
    const cut = pending.lastIndexOf('\n', maxChars - 1) + 1 || pending.indexOf('\n') + 1;
    return cut > 0 && cut < lines ? cut : lines;
  }

  private tooLong(code: string, lines: string): boolean {
    this.plain = code.length > this.limits.maxChars || this.limits.longLine.test(lines);
    return this.plain;
  }

  /** Plain code: what is settled stays; the whole block goes plain once complete if part of it was highlighted. */
  private plainUpdate(code: string, pending: string, lines: number, complete: boolean): CodeUpdate {
    const update: CodeUpdate = {
      settled: escapeHtml(pending.slice(0, lines)),
      live: escapeHtml(pending.slice(lines)),
      highlighted: 0,
      caughtUp: true,
    };
    this.settledChars += lines;
    if (complete && this.shown !== '') update.plain = escapeHtml(code);
    return update;
  }

  /** highlight.js's HTML when it has its known shape (as codeSlots.ts requires), else the code escaped. */
  private highlight(piece: string): { html: string; endsAtTop: boolean } {
    const result = highlightPiece(piece, this.language ?? '');
    if (result === undefined || !isHighlightMarkup(result.html)) return { html: escapeHtml(piece), endsAtTop: true };
    return result;
  }
}
