// The one way every layer words a user-facing string: `t('English text with {0}', value)`, looked up in the active
// translation bundle (VS Code's `l10n/bundle.l10n.<lang>.json`, keyed by the English text) and falling back to the
// English. The host installs VS Code's bundle at activation and hands the same bundle to the webview, so the chat
// layer, the host and the webview translate alike without the plain layers importing `vscode`.

type Translations = Readonly<Record<string, string>>;

let translations: Translations = {};

/** Installs the bundle `t` reads from; undefined (English, or no bundle for the display language) clears it. */
export function setTranslations(bundle: Translations | undefined): void {
  translations = bundle ?? {};
}

/** The bundle in use, for handing to the webview. */
export function currentTranslations(): Translations {
  return translations;
}

/**
 * The bundle a page was handed as JSON (the webview's `data-l10n`); anything that is not an object of strings is
 * ignored, so a damaged bundle shows English rather than breaking the chat.
 */
export function parseTranslations(json: string | undefined): Translations {
  if (json === undefined || json === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The translation of `message`, with `{0}`, `{1}`… replaced by the arguments (as vscode.l10n.t does). */
export function t(message: string, ...args: ReadonlyArray<string | number | boolean>): string {
  const text = translations[message] ?? message;
  return args.length === 0
    ? text
    : text.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? whole : String(value);
      });
}
