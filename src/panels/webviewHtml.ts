// The one place the chat webview's HTML is built. Kept free of `vscode` so its Content-Security-Policy is tested
// directly: nothing loads but the bundle's own script (by nonce), styles, fonts and data: images, and the code
// highlighter's worker, fetched from the bundle's folder and started from a blob: URL (the only way a webview may start
// one). The translations travel in a data attribute of the #app root, read by the script before it renders: no inline
// script, no extra load.

export interface WebviewAssets {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** Webview URI of media/dist/webview.js. */
  scriptUri: string;
  /** Webview URI of media/dist/webview.css. */
  styleUri: string;
  /** Webview URI of media/dist/highlightWorker.js, the code highlighter's worker. */
  highlightWorkerUri: string;
  /** The display language (`vscode.env.language`), for the page's `lang`; English when absent. */
  language?: string;
  /** The bundle the webview's `t` reads, keyed by the English text; none (or empty) for English. */
  translations?: Readonly<Record<string, string>>;
  /**
   * Where the webview is shown: an editor tab or a view in a side bar. The page paints the background of its place,
   * so the text colours keep the contrast the theme gave them against it.
   */
  surface: WebviewSurface;
  /**
   * The composer takes the focus as soon as the page shows (the chat was opened to type into), rather than after the
   * round trip to the host for the conversation.
   */
  focusComposer?: boolean;
}

export type WebviewSurface = 'editor' | 'sidebar';

/** 128 random bits, base64: unguessable, and valid in a CSP nonce source. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    // The highlighter's worker: its script is fetched from the bundle's folder and started from a blob: URL.
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildWebviewHtml(assets: WebviewAssets, nonce: string = createNonce()): string {
  const csp = escapeAttribute(contentSecurityPolicy(assets.cspSource, nonce));
  const { translations = {} } = assets;
  const l10n =
    Object.keys(translations).length === 0 ? '' : ` data-l10n="${escapeAttribute(JSON.stringify(translations))}"`;
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(assets.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(assets.styleUri)}">
<title>Vitalentum</title>
</head>
<body data-surface="${assets.surface}"${assets.focusComposer ? ' data-focus="composer"' : ''}>
<div id="app" data-highlight-worker="${escapeAttribute(assets.highlightWorkerUri)}"${l10n}></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(assets.scriptUri)}"></script>
</body>
</html>
`;
}
