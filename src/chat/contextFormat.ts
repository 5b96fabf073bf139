// The stored form of a conversation's pinned context (format version 5 on; captured problems from 7): each item's fields in one order, and
// a reader that keeps the items it understands and drops the rest.
import type { CapturedProblems, ContextItem } from './contextItems';

export type StoredContextItem = ContextItem;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isLine = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

export function toStoredContext(item: ContextItem): StoredContextItem {
  const { id, kind, uri, path } = item;
  if (item.kind === 'problems' && item.captured) {
    const { text, languageId, at } = item.captured;
    return { id, kind: item.kind, uri, path, captured: { text, ...(languageId ? { languageId } : {}), at } };
  }
  if (item.kind !== 'selection') return { id, kind: item.kind, uri, path };
  const { languageId, startLine, endLine, text } = item;
  return { id, kind, uri, path, languageId, startLine, endLine, text } as StoredContextItem;
}

/** Captured problems (version 7 on); what does not read as them is dropped, leaving the live diagnostics. */
function readCaptured(value: unknown): CapturedProblems | undefined {
  if (!isRecord(value)) return undefined;
  const { text, languageId, at } = value;
  if (typeof text !== 'string' || !Number.isFinite(at)) return undefined;
  return { text, ...(typeof languageId === 'string' ? { languageId } : {}), at: at as number };
}

function readContextItem(value: unknown): StoredContextItem | undefined {
  if (!isRecord(value)) return undefined;
  const { id, kind, uri, path } = value;
  if (typeof id !== 'string' || typeof uri !== 'string' || typeof path !== 'string') return undefined;
  if (kind === 'file') return { id, kind, uri, path };
  if (kind === 'problems') {
    const captured = readCaptured(value.captured);
    return { id, kind, uri, path, ...(captured ? { captured } : {}) };
  }
  if (kind !== 'selection') return undefined;
  const { languageId, startLine, endLine, text } = value;
  if (typeof languageId !== 'string' || typeof text !== 'string' || !isLine(startLine) || !isLine(endLine)) {
    return undefined;
  }
  return { id, kind, uri, path, languageId, startLine, endLine, text };
}

/** The items of a stored `context` field; `undefined` when it is absent or holds none this code knows. */
export function readContextItems(value: unknown): StoredContextItem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(readContextItem).filter((item): item is StoredContextItem => item !== undefined);
  return items.length === 0 ? undefined : items;
}
