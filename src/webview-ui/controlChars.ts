// Model output may carry characters that change how surrounding text looks without being visible themselves:
// terminal control codes, bidirectional overrides (the "Trojan Source" trick), zero-width and tag characters.
// They are replaced by visible stand-ins before anything is rendered, so what the user reads is what the text says.

/** C0 controls other than tab and line feed, plus DEL. Shown as their Unicode "control picture" (␀, ␛, ␡). */
// eslint-disable-next-line no-control-regex -- finding control characters is what this module is for
const C0_AND_DEL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * C1 controls, bidi marks/embeddings/overrides/isolates, invisible separators and formatters, interlinear
 * annotations and tag characters. Zero-width joiner and non-joiner stay: scripts and emoji need them.
 */
const INVISIBLE_OR_REORDERING =
  /[\u0080-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

function controlPicture(char: string): string {
  const code = char.charCodeAt(0);
  return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
}

function codePointLabel(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Line endings become `\n`; hidden or reordering characters become visible, inert stand-ins. */
export function neutralizeControlChars(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(C0_AND_DEL, controlPicture)
    .replace(INVISIBLE_OR_REORDERING, codePointLabel);
}
