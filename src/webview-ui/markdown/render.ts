// Markdown to safe HTML: markdown-it with raw HTML off, links limited to what the host will open, images never
// loaded from the network, code blocks highlighted and given Copy / Insert / Apply buttons, and DOMPurify over the
// result (but for the code's highlighted text, which is checked for its shape instead: codeSlots.ts).
import type { DOMPurify } from 'dompurify';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { TEST_IDS } from '../testids';
import { highlightCode, isKnownLanguage } from './highlight';
import { HIGHLIGHT_LATER_ATTRIBUTE, highlightAgain, highlightLater, type Highlight } from './highlightLater';
import { CodeSlots } from './codeSlots';
import { escapeHtml } from './escape';
import { createSanitizer, INLINE_IMAGE, LINK_SCHEME } from './sanitize';
import { StreamingCode } from './streamingCode';
import { t } from '../../shared/l10n';

/** Code longer than this is shown without highlighting once a reply is complete. */
export const FINAL_HIGHLIGHT_LIMIT = 100_000;
/** The still-growing tail is re-rendered every frame, so its code is highlighted only while it is small. */
export const STREAMING_HIGHLIGHT_LIMIT = 10_000;
/**
 * Code longer than this in a reply's final form is highlighted later, off the webview's main thread
 * (highlightLater.ts): highlight.js takes about a millisecond per 1,500 characters, so a block of 60 KB held every key
 * press for 100 to 200 ms when its reply ended. It shows as plain text until then.
 */
export const HIGHLIGHT_NOW_LIMIT = 4_000;
/**
 * Some grammars take time quadratic in the length of one token (a 20,000-character identifier costs the JavaScript
 * grammar about a second), so code with lines longer than this, such as minified code, is shown plain.
 */
const LONG_LINE = /[^\n]{1001}/;

/** markdown-it's render environment: link reference definitions collect in `references`. */
export interface RenderEnv {
  highlightLimit: number;
  /** Code longer than this is left for `highlightLater`; absent, all code up to the limit is highlighted at once. */
  laterFrom?: number;
  references?: Record<string, unknown>;
}

export interface MarkdownRenderer {
  /** Sanitized HTML for `markdown`, which must already have passed through `neutralizeControlChars`. */
  render(markdown: string, env: RenderEnv): string;
  /** Highlights the code elements under `root` that a render left for later (`RenderEnv.laterFrom`). */
  highlightLater(root: ParentNode): void;
  /** Highlights the code in `code`, shown as `shown`, again whole, and puts in what differs (highlightLater.ts). */
  highlightAgain(code: HTMLElement, language: string, shown: string): void;
  /**
   * A code block whose code streams in, opened by a top-level fence (`marker` and the `info` string after it, as in
   * the text): its HTML with no code yet, and its code's highlighter, which keeps to the rules of a final render.
   */
  openCode(marker: string, info: string): { html: string; code: StreamingCode };
}

/** The environment of a reply's final form: every block as it will stay, long code highlighted later. */
export function finalEnv(): RenderEnv {
  return { highlightLimit: FINAL_HIGHLIGHT_LIMIT, laterFrom: HIGHLIGHT_NOW_LIMIT };
}

/** Ends a code element whose start tag is open: `>`, its content and `</code>`, or with the content held back. */
type CodeCloser = (content: string) => string;

/** The language a code block's info string names: its first word. */
function codeLanguage(info: string): string {
  return info.split(/\s+/)[0] ?? '';
}

function codeBlockHtml(code: string, info: string, env: RenderEnv, close: CodeCloser): string {
  const language = codeLanguage(info);
  const highlightable = code.length <= env.highlightLimit && !LONG_LINE.test(code) && isKnownLanguage(language);
  const later = highlightable && env.laterFrom !== undefined && code.length > env.laterFrom;
  const highlighted = highlightable && !later ? highlightCode(code, language) : undefined;
  const languageClass = language === '' ? '' : ` language-${escapeHtml(language)}`;
  const laterAttribute = later ? ` ${HIGHLIGHT_LATER_ATTRIBUTE}="${escapeHtml(language)}"` : '';
  const label = language === '' ? '' : `<span class="code-language">${escapeHtml(language)}</span>`;
  return (
    // The whole info string goes with Apply: the host reads a target file from it (`title=` or `path=`).
    `<div class="code-block" data-testid="${TEST_IDS.codeBlock}" data-info="${escapeHtml(info)}">` +
    `<div class="code-toolbar">${label}` +
    `<button type="button" class="icon-button" data-code-action="copy" data-testid="${TEST_IDS.codeCopy}" ` +
    `aria-label="${escapeHtml(t('Copy code'))}" title="${escapeHtml(t('Copy code'))}">` +
    `<span class="codicon codicon-copy" aria-hidden="true"></span></button>` +
    `<button type="button" class="icon-button" data-code-action="insert" data-testid="${TEST_IDS.codeInsert}" ` +
    `aria-label="${escapeHtml(t('Insert code at cursor'))}" title="${escapeHtml(t('Insert at cursor'))}">` +
    `<span class="codicon codicon-insert" aria-hidden="true"></span></button>` +
    `<button type="button" class="icon-button" data-code-action="apply" data-testid="${TEST_IDS.codeApply}" ` +
    `aria-label="${escapeHtml(t('Apply code (shows a diff first)'))}" ` +
    `title="${escapeHtml(t('Apply (shows a diff first)'))}">` +
    `<span class="codicon codicon-diff" aria-hidden="true"></span></button></div>` +
    `<pre><code class="hljs${languageClass}"${laterAttribute}${close(highlighted ?? escapeHtml(code))}</pre></div>\n`
  );
}

function imageHtml(token: Token, altText: string): string {
  const src = token.attrGet('src') ?? '';
  const name = altText === '' ? t('image') : altText;
  const alt = escapeHtml(name);
  if (INLINE_IMAGE.test(src)) return `<img src="${escapeHtml(src)}" alt="${alt}">`;
  const placeholder = escapeHtml(t('[Image: {0}]', name));
  if (LINK_SCHEME.test(src)) {
    return `<a href="${escapeHtml(src)}" class="image-link" title="${escapeHtml(src)}">${placeholder}</a>`;
  }
  return `<span class="image-placeholder">${placeholder}</span>`;
}

function createMarkdownIt(close: CodeCloser): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  // Links the host will not open (javascript:, vbscript:, data:, file:, relative) stay literal text.
  md.validateLink = (url) => LINK_SCHEME.test(url.trim()) || INLINE_IMAGE.test(url.trim());
  md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    return codeBlockHtml(token.content, token.info.trim(), env, close);
  };
  md.renderer.rules.code_block = (tokens, idx, _options, env: RenderEnv) =>
    codeBlockHtml(tokens[idx].content, '', env, close);
  md.renderer.rules.image = (tokens, idx, options, env, self) =>
    imageHtml(tokens[idx], self.renderInlineAsText(tokens[idx].children ?? [], options, env));
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href') ?? '';
    // A link to a data: URI passed validation only because images may use one.
    if (!LINK_SCHEME.test(href)) token.attrs = [];
    else token.attrSet('title', href);
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

/**
 * The renderer; `highlight` highlights the code a render leaves for later (by default at once, in a task of its own:
 * the webview passes a Web Worker's).
 */
export function createMarkdownRenderer(purify: DOMPurify, highlight: Highlight = highlightSoon): MarkdownRenderer {
  // The slots of the render under way: markdown-it renders synchronously, one document at a time.
  let slots = new CodeSlots();
  const md = createMarkdownIt((content) => slots.close(content));
  const sanitize = createSanitizer(purify);
  const render = (markdown: string, env: RenderEnv): string => {
    slots = new CodeSlots();
    const html = md.render(markdown, env);
    return slots.fill(sanitize(html)) ?? sanitize(slots.inline(html));
  };
  return {
    render,
    highlightLater: (root) => highlightLater(root, highlight),
    highlightAgain: (code, language, shown) => highlightAgain(code, language, shown, highlight),
    openCode(marker, info) {
      const language = codeLanguage(info.trim());
      return {
        // The closing line makes the block as a final render shows it, with no code.
        html: render(`${marker}${info}\n${marker}\n`, finalEnv()),
        code: new StreamingCode(isKnownLanguage(language) ? language : undefined, {
          maxChars: FINAL_HIGHLIGHT_LIMIT,
          longLine: LONG_LINE,
        }),
      };
    },
  };
}

function highlightSoon(code: string, language: string): Promise<string | undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(highlightCode(code, language)), 0));
}
