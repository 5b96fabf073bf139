// The text the model receives for code the user selected or pinned, Explain Selection's question, a problem the
// editor reported (Fix / Explain with Vitalentum), and continuing a reply that was cut short. The questions show as
// the user's message, so they are in the display language; the framing only the model reads stays English.
import { t } from '../shared/l10n';

/** Code from a file: a selection chip's, or a whole file's. */
export interface CodeExcerpt {
  fileName: string;
  languageId: string;
  text: string;
}

/** A backtick fence longer than any run of backticks inside the code, so the code cannot close it early. */
function fenceFor(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

/** The file name, language and code of a selection as Markdown: a caption and a fenced block. */
export function formatSelection(context: CodeExcerpt): string {
  const fence = fenceFor(context.text);
  const code = context.text.endsWith('\n') ? context.text : `${context.text}\n`;
  return `File: ${context.fileName} (${context.languageId})\n\n${fence}${context.languageId}\n${code}${fence}`;
}

/** Explain Selection's question, shown as the user's message; the selection goes with it as a context chip. */
export function explainQuestion(): string {
  return t('Explain this code.');
}

/** A problem the editor reported, as its language service words it. */
export interface DiagnosticFacts {
  message: string;
  source?: string;
  code?: string;
  /** 1-based, as the editor shows it. */
  line: number;
}

/** Asks to fix or explain a problem; the lines around it go as a selection chip, and a fix replaces exactly them. */
export function diagnosticQuestion(kind: 'fix' | 'explain', problem: DiagnosticFacts): string {
  const origin = [problem.source, problem.code].filter(Boolean).join(' ');
  const reported =
    origin === ''
      ? t('The editor reports on line {0}: {1}', problem.line, problem.message)
      : t('{0} reports on line {1}: {2}', origin, problem.line, problem.message);
  return kind === 'fix'
    ? t('Fix this problem. {0}\nReply with one code block that replaces exactly the selected lines.', reported)
    : t('Explain this problem and how to fix it. {0}', reported);
}

/** Sent after a reply that stopped early; the answer is appended to that reply. */
export const CONTINUE_PROMPT =
  'Your previous reply was cut off. Continue exactly where it stopped, without repeating anything and without any preamble.';
