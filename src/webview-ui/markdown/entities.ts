// Stands in for the `entities` package in the webview bundle (esbuild `alias: { entities: ... }`): markdown-it only
// asks it to decode single character references such as `&nbsp;`, which the browser's own HTML parser decodes
// without the 70 KB of tables the package carries.

const SINGLE_REFERENCE = /^&(?:[a-z][a-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-f]{1,6});?$/i;

let decoder: HTMLTextAreaElement | undefined;

/** Decodes `text` when it is one character reference; anything else is returned unchanged. */
export function decodeHTML(text: string): string {
  if (!SINGLE_REFERENCE.test(text)) return text;
  // A textarea's content is parsed as text with character references, never as markup.
  decoder ??= document.createElement('textarea');
  decoder.innerHTML = text;
  return decoder.value;
}

/** markdown-it passes only references that end in `;`, for which strict and lenient decoding agree. */
export const decodeHTMLStrict = decodeHTML;
