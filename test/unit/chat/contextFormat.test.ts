// The stored form of a problems chip's captured problems (format version 7): written with the item, read back, and
// a capture that does not read is dropped while the chip is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readContextItems, toStoredContext } from '../../../src/chat/contextFormat';
import { FORMAT_VERSION } from '../../../src/chat/conversationFormat';
import type { ContextItem } from '../../../src/chat/contextItems';

const PINNED = { id: 'p1', kind: 'problems', uri: 'file:///w/a.ts', path: 'a.ts' } as const;
const CAPTURED = { text: 'Line 1, error: no.', languageId: 'typescript', at: 1_700_000_000_000 };

test('a problems chip keeps its captured problems through a save and a read', () => {
  assert.equal(FORMAT_VERSION, 7, 'version 6 code would drop the capture on saving, so the version says so');
  const items: ContextItem[] = [
    { ...PINNED, captured: CAPTURED },
    { ...PINNED, id: 'p2' },
  ];
  const stored = JSON.parse(JSON.stringify(items.map(toStoredContext))) as unknown;
  assert.deepEqual(readContextItems(stored), items);
});

test('a capture that does not read is dropped and the chip kept, reading its problems live', () => {
  const stored = [
    { ...PINNED, captured: { text: 'x', at: 'yesterday' } },
    { ...PINNED, id: 'p2', captured: { text: 42, at: 1 } },
    { ...PINNED, id: 'p3', captured: { text: 'y', at: 1, languageId: 7 } },
  ];
  assert.deepEqual(readContextItems(stored), [
    PINNED,
    { ...PINNED, id: 'p2' },
    { ...PINNED, id: 'p3', captured: { text: 'y', at: 1 } },
  ]);
});
