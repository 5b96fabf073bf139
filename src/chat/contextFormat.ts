// The stored form of a conversation's pinned context (format version 5 on): each item's fields in one order, and
// a reader that keeps the items it understands and drops the rest.
import type { ContextItem } from './contextItems';

export type StoredContextItem = ContextItem;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isLine = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

export function toStoredContext(item: ContextItem): StoredContextItem {
  const { id, kind, uri, path } = item;
  if (item.kind !== 'selection') return { id, kind: item.kind, uri, path };
  const { languageId, startLine, endLine, text } = item;
  return { id, kind, uri, path, languageId, startLine, endLine, text } as StoredContextItem;
}

function readContextItem(value: unknown): StoredContextItem | undefined {
  if (!isRecord(value)) return undefined;
  const { id, kind, uri, path } = value;
  if (typeof id !== 'string' || typeof uri !== 'string' || typeof path !== 'string') return undefined;
  if (kind === 'file' || kind === 'problems') return { id, kind, uri, path };
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
