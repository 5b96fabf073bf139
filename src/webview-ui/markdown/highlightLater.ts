// Long code blocks in a reply's final form are shown plain at first and highlighted when the highlighter answers
// (a Web Worker in the webview: highlightWorkerClient.ts), so highlighting them never holds a key press.
import { isHighlightMarkup } from './sanitize';

/** Marks a code element whose highlighting comes later; its value is the language. */
export const HIGHLIGHT_LATER_ATTRIBUTE = 'data-highlight-later';

/** Highlighted HTML for code in a language, or `undefined` for none (the code stays plain). */
export type Highlight = (code: string, language: string) => Promise<string | undefined>;

/**
 * Asks `highlight` for each code element under `root` that a render left for later, and puts its answer in when the
 * element still holds the same code (a view rendered again meanwhile has new elements, which ask for themselves).
 * An answer of any other shape than highlight.js's is not used.
 */
export function highlightLater(root: ParentNode, highlight: Highlight): void {
  for (const element of root.querySelectorAll<HTMLElement>(`code[${HIGHLIGHT_LATER_ATTRIBUTE}]`)) {
    const language = element.getAttribute(HIGHLIGHT_LATER_ATTRIBUTE) ?? '';
    element.removeAttribute(HIGHLIGHT_LATER_ATTRIBUTE);
    putInWhenAnswered(element, language, highlight);
  }
}

/**
 * Asks `highlight` for the code of `element`, which shows it highlighted as `shown` (a piece at a time while it
 * streamed: streamingCode.ts), and puts the answer in only where it differs and the element still holds that code.
 */
export function highlightAgain(element: HTMLElement, language: string, shown: string, highlight: Highlight): void {
  putInWhenAnswered(element, language, highlight, shown);
}

/** Asks for `element`'s code highlighted, and puts the answer in unless it is `shown` or the code changed meanwhile. */
function putInWhenAnswered(element: HTMLElement, language: string, highlight: Highlight, shown?: string): void {
  const code = element.textContent ?? '';
  void highlight(code, language).then((html) => {
    if (html === undefined || html === shown || element.textContent !== code || !isHighlightMarkup(html)) return;
    element.innerHTML = html;
  });
}
