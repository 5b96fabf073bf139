// Reads what the user pinned as context, at send time and only that: a file's current text (unsaved edits
// included) unless it is too large, binary or outside the workspace, and a file's problems with the lines around
// each. Also says why the workspace's instructions file was not read.
import * as vscode from 'vscode';
import type { NewContextItem, ReadContext, ContextItem } from '../chat/contextItems';
import { INSTRUCTIONS_FILE } from '../config/ids';
import { t } from '../shared/l10n';

/** Larger files would crowd out the conversation; the chip says so rather than sending a cut. */
export const MAX_CONTEXT_FILE_BYTES = 256 * 1024;
/** A NUL byte this early means a binary file (git's test). */
const BINARY_PROBE_BYTES = 8 * 1024;
const PROBLEM_CONTEXT_LINES = 2;
const MAX_PROBLEMS = 20;

export function contextItemFor(uri: vscode.Uri, kind: 'file' | 'problems'): NewContextItem {
  return { kind, uri: uri.toString(), path: vscode.workspace.asRelativePath(uri, false) };
}

/** The editor's selection as it is now, with its file and lines; `undefined` when nothing is selected. */
export function selectionItem(editor: vscode.TextEditor | undefined): NewContextItem | undefined {
  if (!editor || editor.selection.isEmpty) return undefined;
  const text = editor.document.getText(editor.selection);
  if (text.trim() === '') return undefined;
  const { start, end } = editor.selection;
  // A selection that ends at the start of a line does not take that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  return {
    ...contextItemFor(editor.document.uri, 'file'),
    kind: 'selection',
    languageId: editor.document.languageId,
    startLine: start.line + 1,
    endLine,
    text,
  };
}

export function instructionsNotice(): string | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return t(
    'The workspace is restricted, so its {0} was not read. Trust the workspace to include it.',
    INSTRUCTIONS_FILE,
  );
}

async function readFile(uri: vscode.Uri): Promise<ReadContext> {
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { problem: t('Outside the workspace: not read, not sent.') };
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return { problem: t('The file is gone: not sent.') };
  }
  if (size > MAX_CONTEXT_FILE_BYTES) {
    return {
      problem: t(
        'Too large to send ({0} KB; the limit is {1} KB).',
        Math.round(size / 1024),
        MAX_CONTEXT_FILE_BYTES / 1024,
      ),
    };
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { problem: t('A binary file: not sent.') };
  // The document, not the bytes: it holds unsaved edits and knows the language.
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(), languageId: document.languageId };
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** The file's diagnostics now, each with the lines around it; `undefined` when the file has none. */
async function liveProblems(uri: vscode.Uri): Promise<{ text: string; languageId: string } | undefined> {
  const diagnostics = vscode.languages.getDiagnostics(uri).slice(0, MAX_PROBLEMS);
  if (diagnostics.length === 0) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const blocks = diagnostics.map((d) => {
    const line = d.range.start.line;
    const first = Math.max(0, line - PROBLEM_CONTEXT_LINES);
    const last = Math.min(document.lineCount - 1, line + PROBLEM_CONTEXT_LINES);
    const lines: string[] = [];
    for (let i = first; i <= last; i++) lines.push(`${i + 1}${i === line ? '>' : ' '} ${document.lineAt(i).text}`);
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    const source = [d.source, code].filter((part) => part !== undefined && part !== '').join(' ');
    const heading = `Line ${line + 1}, ${SEVERITY[d.severity]}: ${d.message}${source ? ` (${source})` : ''}`;
    return `${heading}\n\`\`\`${document.languageId}\n${lines.join('\n')}\n\`\`\``;
  });
  return { text: blocks.join('\n\n'), languageId: document.languageId };
}

/** Whether the file is open in an editor tab, where its language server keeps its diagnostics current. */
function isOpenInEditor(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
  );
}

/** A Problems chip for the file, holding its problems as they are now for when they cannot be read live later. */
export async function problemsItem(uri: vscode.Uri, now = Date.now()): Promise<NewContextItem> {
  const live = vscode.workspace.getWorkspaceFolder(uri) ? await liveProblems(uri) : undefined;
  return { ...contextItemFor(uri, 'problems'), kind: 'problems', ...(live ? { captured: { ...live, at: now } } : {}) };
}

/**
 * The live diagnostics when there are some. Without them, a file open in an editor has none; a closed one may only
 * have lost them (a language server reports on open files, and a reload closes them), so the problems captured when
 * the chip was added are sent, marked as such.
 */
async function readProblems(item: Extract<ContextItem, { kind: 'problems' }>): Promise<ReadContext> {
  const uri = vscode.Uri.parse(item.uri);
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { problem: t('Outside the workspace: not read, not sent.') };
  const live = await liveProblems(uri);
  if (live) return live;
  if (!item.captured || isOpenInEditor(uri)) return { text: 'No problems reported.' };
  const when = new Date(item.captured.at).toLocaleString();
  // Prompt text, read by the model only, so it stays in English as the rest of the prompt does.
  const note = `The file is not open, so its language server reports nothing now; these are the problems reported when it was added (${when}).`;
  return {
    text: `${note}\n\n${item.captured.text}`,
    ...(item.captured.languageId ? { languageId: item.captured.languageId } : {}),
  };
}

/** The chat's ContextReader: files and problems, read when a request is made or the chips are shown. */
export function readContext(item: ContextItem): Promise<ReadContext> {
  return item.kind === 'problems' ? readProblems(item) : readFile(vscode.Uri.parse(item.uri));
}
