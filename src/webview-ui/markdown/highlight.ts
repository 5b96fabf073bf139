// highlight.js core with only the languages chat answers commonly use, to keep the webview bundle small.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, definition] of Object.entries(languages)) hljs.registerLanguage(name, definition);

/** Whether highlight.js here knows the language (by name or alias). */
export function isKnownLanguage(language: string): boolean {
  return language !== '' && hljs.getLanguage(language) !== undefined;
}

/** Highlighted HTML for `code`, or `undefined` when the language is unknown (the caller escapes the text). */
export function highlightCode(code: string, language: string): string | undefined {
  if (!isKnownLanguage(language)) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** Highlighted HTML for a piece of code, and whether the piece ends outside any comment, string or other construct. */
export interface HighlightedPiece {
  html: string;
  /**
   * Highlighting the code after the piece on its own gives what highlighting it after the piece would: the piece ends
   * in the language's top-level mode. highlight.js gives the mode it ended in as `_top`, typed in its API but marked
   * internal; a unit test checks it still tells (and without it, a piece never counts as ending there).
   */
  endsAtTop: boolean;
}

/** `highlightCode` for one piece of a longer code text; `undefined` when the language is unknown. */
export function highlightPiece(code: string, language: string): HighlightedPiece | undefined {
  const definition = hljs.getLanguage(language);
  if (language === '' || definition === undefined) return undefined;
  const result = hljs.highlight(code, { language, ignoreIllegals: true });
  return { html: result.value, endsAtTop: result._top === definition };
}
