// A code block in the page whose code streams in: settled code is appended once, each piece a block of its own (so
// the browser lays out only the new piece), and only the live part after it, the lines still changing, is replaced at
// each frame (markdown/streamingCode.ts), so a frame's work does not grow with the block.
import { h } from '../dom';
import type { CodeStep } from '../markdown/incremental';
import type { MarkdownRenderer } from '../markdown/render';

export class StreamingCodeElement {
  private readonly code: HTMLElement | null;
  private readonly live = h('span');

  /** `block` is the code block's element, as the renderer gave it with no code. */
  constructor(block: Element | null | undefined) {
    this.code = block?.querySelector('code') ?? null;
    this.code?.append(this.live);
  }

  /** Shows `step`; returns the length of the HTML it added for good. */
  show(step: CodeStep, renderer: MarkdownRenderer): number {
    if (!this.code) return 0;
    if (step.plain !== undefined) {
      this.code.innerHTML = step.plain;
      return step.plain.length;
    }
    if (step.settled !== '') {
      const lines = h('span', { class: 'code-lines' });
      lines.innerHTML = step.settled;
      this.live.before(lines);
    }
    if (step.done) this.live.remove();
    else this.live.innerHTML = step.live;
    if (step.recheck) renderer.highlightAgain(this.code, step.recheck.language, step.recheck.shown);
    return step.settled.length;
  }
}
