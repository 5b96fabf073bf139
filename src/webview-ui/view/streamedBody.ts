// The body of a reply while it streams, and while the frames render the rest of one that has settled: stable blocks
// are rendered once and appended, the growing tail is rendered again each frame, a step of stable text at a time. A
// code block fenced at the start of a line goes in as a block with no code, which its lines join as they come.
import { h } from '../dom';
import { type CodeStep, IncrementalMarkdown, type IncrementalRender } from '../markdown/incremental';
import { HIGHLIGHT_LATER_ATTRIBUTE } from '../markdown/highlightLater';
import type { MarkdownRenderer } from '../markdown/render';
import type { FrameBudget } from '../frameLoop';
import { StreamingCodeElement } from './streamingCodeElement';

/**
 * The most stable markdown source a step renders: a paragraph or a short code block, a few milliseconds of parsing,
 * highlighting and sanitizing (a larger step overran the frame's budget by tens of milliseconds). A frame takes steps
 * while its budget lasts (frameLoop.ts), each no larger than what is left of it.
 */
const RENDER_STEP_CHARS = 1000;

/**
 * How much rendered HTML a chunk of stable blocks holds before the next chunk starts: about a screenful or two.
 * Chunks far from the viewport are skipped by layout and paint (content-visibility in styles.css), so a reply of
 * thousands of lines costs each frame what its last screenfuls cost.
 */
const CHUNK_HTML_LENGTH = 16_000;

export class StreamedBody {
  private readonly markdown: IncrementalMarkdown;
  private readonly frozen = h('div', { class: 'stream-frozen' });
  private readonly tail = h('div', { class: 'stream-tail' });
  /** Stable blocks wait to be rendered in later frames. */
  private behind = false;
  /** The reply has settled: once the rest is rendered, the stream ends. */
  private settled = false;
  /** The chunk new stable blocks go into, and how much HTML it holds. */
  private chunk: { element: HTMLElement; length: number } | undefined;
  /** The code block whose code is streaming in, at the end of the last chunk. */
  private code: StreamingCodeElement | undefined;

  constructor(
    private readonly renderer: MarkdownRenderer,
    body: HTMLElement,
    text: string,
  ) {
    this.markdown = new IncrementalMarkdown(renderer);
    this.markdown.append(text);
    body.replaceChildren(this.frozen, this.tail);
  }

  /** Text waits to be rendered whatever arrives next: stable blocks, or the rest of a settled reply. */
  get hasRenderPending(): boolean {
    return this.behind || this.settled;
  }

  append(text: string): void {
    this.markdown.append(text);
  }

  /** The reply settled with `unsent` still to add; false when it must be rendered whole instead. */
  settle(unsent: string): boolean {
    this.markdown.append(unsent);
    if (!this.markdown.finish()) return false;
    this.settled = true;
    return true;
  }

  /**
   * Renders steps of stable text within the frame's budget (one at least), then the tail once none waits; `replace`
   * runs the DOM changes. True when the stream has ended: the reply settled and shows whole, its blocks where they are
   * (moved, they would be laid out anew).
   */
  render(budget: FrameBudget, replace: (change: () => void) => void): boolean {
    const steps: IncrementalRender[] = [];
    let step;
    do {
      step = this.markdown.render(Math.min(RENDER_STEP_CHARS, budget.charsLeft));
      steps.push(step);
    } while (!step.caughtUp && budget.spend(step.stableChars));
    const { tail } = step;
    replace(() => {
      let frozen = '';
      for (const { frozen: html, code } of steps) {
        frozen += html;
        if (!code) continue;
        if (frozen !== '') this.appendStable(frozen);
        frozen = '';
        this.showCode(code);
      }
      if (frozen !== '') this.appendStable(frozen);
      // While blocks wait, the old tail would repeat what they now show.
      this.tail.innerHTML = tail;
    });
    this.behind = !step.caughtUp;
    if (!this.settled || this.behind) return false;
    this.tail.remove();
    return true;
  }

  private showCode(step: CodeStep): void {
    if (step.opened !== undefined) {
      this.appendStable(step.opened);
      this.code = new StreamingCodeElement(this.chunk?.element.lastElementChild);
    }
    if (this.chunk) this.chunk.length += this.code?.show(step, this.renderer) ?? 0;
    if (step.done) this.code = undefined;
  }

  private appendStable(html: string): void {
    if (!this.chunk || this.chunk.length >= CHUNK_HTML_LENGTH) {
      this.chunk = { element: h('div', { class: 'stream-chunk' }), length: 0 };
      this.frozen.append(this.chunk.element);
    }
    this.chunk.element.insertAdjacentHTML('beforeend', html);
    this.chunk.length += html.length;
    if (html.includes(HIGHLIGHT_LATER_ATTRIBUTE)) this.renderer.highlightLater(this.chunk.element);
  }
}
