// What a conversation pins as context: files (read again at every send), selections (the text as it was when
// added) and a file's problems (the diagnostics at send time). Each becomes a block of the system message, after
// the instructions, and a chip in the composer.
import type { ContextChipView } from '../shared/contextView';
import type { MessageTokens } from './tokenCounter';
import { formatSelection } from './prompts';
import { t } from '../shared/l10n';

interface ItemBase {
  id: string;
  /** The file's URI as VS Code writes it; the host reads and opens it. */
  uri: string;
  /** The workspace-relative path, as the model and the chip name it. */
  path: string;
}

/**
 * A file's problems as they were when the chip was added, sent when the file has no live diagnostics and is not open:
 * after a reload a closed file's language server no longer reports, and "no problems" would be wrong.
 */
export interface CapturedProblems {
  text: string;
  languageId?: string;
  /** When they were captured (ms since the epoch). */
  at: number;
}

export type ContextItem =
  | (ItemBase & { kind: 'file' })
  | (ItemBase & { kind: 'problems'; captured?: CapturedProblems })
  | (ItemBase & { kind: 'selection'; languageId: string; startLine: number; endLine: number; text: string });

/** An item as it would be sent now: its text, or why it is not sent. */
export type ReadContext = { text: string; languageId?: string } | { problem: string };

/** Reads a file or problems item at send time (the host's port); selections carry their text. */
export type ContextReader = (item: ContextItem) => Promise<ReadContext>;

export type PinnedSelection = Extract<ContextItem, { kind: 'selection' }>;

/** The selection pinned last, which Apply on a block that names no file replaces. */
export function latestSelection(items: readonly ContextItem[] | undefined): PinnedSelection | undefined {
  return items?.filter((item): item is PinnedSelection => item.kind === 'selection').at(-1);
}

export type NewContextItem = ContextItem extends infer T ? (T extends ContextItem ? Omit<T, 'id'> : never) : never;

export function createContextItem(item: NewContextItem): ContextItem {
  return { ...item, id: crypto.randomUUID() } as ContextItem;
}

function sameTarget(a: NewContextItem, b: NewContextItem): boolean {
  if (a.kind !== b.kind || a.uri !== b.uri) return false;
  return a.kind !== 'selection' || (b.kind === 'selection' && a.text === b.text);
}

/** `items` with `added` appended, leaving out any already pinned (the same file twice would be sent twice). */
export function addContextItems(items: readonly ContextItem[], added: readonly NewContextItem[]): ContextItem[] {
  const result = [...items];
  for (const item of added) if (!result.some((kept) => sameTarget(kept, item))) result.push(createContextItem(item));
  return result;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function lineRange(item: { startLine: number; endLine: number }): string {
  return item.startLine === item.endLine ? `line ${item.startLine}` : `lines ${item.startLine}-${item.endLine}`;
}

export async function readContextItem(item: ContextItem, read: ContextReader | undefined): Promise<ReadContext> {
  if (item.kind === 'selection') return { text: item.text, languageId: item.languageId };
  if (!read) return { problem: t('This window cannot read files.') };
  try {
    return await read(item);
  } catch (error) {
    return { problem: t('Could not be read: {0}', error instanceof Error ? error.message : String(error)) };
  }
}

/** The block of the system message that carries an item. */
export function formatContextItem(item: ContextItem, read: { text: string; languageId?: string }): string {
  if (item.kind === 'problems') return `Problems in ${item.path}:\n\n${read.text}`;
  const fileName = item.kind === 'selection' ? `${item.path} (${lineRange(item)})` : item.path;
  return formatSelection({ fileName, languageId: read.languageId ?? '', text: read.text });
}

/** A selection chip's tooltip: its file and lines. */
function selectionTitle(item: { path: string; startLine: number; endLine: number }): string {
  return item.startLine === item.endLine
    ? t('{0}, line {1}, as selected', item.path, item.startLine)
    : t('{0}, lines {1}-{2}, as selected', item.path, item.startLine, item.endLine);
}

export function contextChip(item: ContextItem, read: ReadContext, tokens: MessageTokens): ContextChipView {
  const name = baseName(item.path);
  const label =
    item.kind === 'selection'
      ? `${name}:${item.startLine === item.endLine ? item.startLine : `${item.startLine}-${item.endLine}`}`
      : item.kind === 'problems'
        ? t('Problems: {0}', name)
        : name;
  const title = item.kind === 'selection' ? selectionTitle(item) : item.path;
  return {
    id: item.id,
    kind: item.kind,
    label,
    title,
    ...('problem' in read ? { problem: read.problem } : { tokens: tokens(formatContextItem(item, read)) }),
  };
}
