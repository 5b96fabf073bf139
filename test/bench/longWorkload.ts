// The long-conversation workload: 1,000 turns (a question of a few lines, an answer of about 60 lines with a code
// block), written in the store's own format into a VS Code user-data folder before the window opens, and the text of
// the 2,000-line reply the bench streams into it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toSummary, type Conversation } from '../../src/chat/conversation';
import { toStored } from '../../src/chat/conversationFormat';
import { INDEX_FILE } from '../../src/chat/conversationIndex';
import type { ChatMessageView } from '../../src/shared/protocol';

export const TURNS = 1000;
export const REPLY_LINES = 2000;
export const LONG_TITLE = 'Long conversation for the bench';
const EXTENSION_ID = 'vitalentum.ask-vitalentum';

function question(turn: number): string {
  return [
    `Turn ${turn}: how does the cache in \`store${turn}.ts\` decide what to evict?`,
    'I see entries leave earlier than I expect when the editor is busy.',
    'Could you show the relevant part and explain it?',
  ].join('\n');
}

/** About 60 lines: paragraphs, a list, a TypeScript block of 34 lines, and a closing paragraph. */
export function answer(turn: number): string {
  const code = Array.from({ length: 32 }, (_, i) =>
    i % 4 === 0
      ? `  // step ${i}: keep entry ${turn}-${i} while it is used`
      : `  if (cache.size > limit${i}) cache.delete(oldest(cache, ${i})); // turn ${turn}`,
  );
  return [
    `The cache in \`store${turn}.ts\` evicts by **least recent use**, with a size limit that shrinks`,
    'while the editor is busy. Here is what happens step by step:',
    '',
    '- a read moves the entry to the front;',
    '- a write adds it at the front and may push the oldest out;',
    '- a busy editor lowers the limit, so entries leave sooner;',
    `- the limit comes back after ${turn % 7} idle seconds.`,
    '',
    '```ts',
    `export function evict${turn}(cache: Map<string, Entry>, limit: number): void {`,
    ...code,
    '}',
    '```',
    '',
    'The important line is the comparison against the limit: it runs on every write, and the limit it reads',
    'is the *current* one, which the busy signal lowered. That is why entries leave earlier than you expect.',
    '',
    'To keep them longer you can:',
    '',
    '1. raise the floor of the limit;',
    '2. pin the entries you need with `pin()`;',
    '3. or read them once after the busy period ends.',
    '',
    `See also the notes on [eviction](https://example.com/eviction/${turn}) in the documentation.`,
    'Each of these keeps the cache small when memory is short and fast when it is not.',
    '',
    'One more detail: a pinned entry still counts toward the size, so pinning many entries lowers',
    'what is left for the others. Prefer reading them again when in doubt.',
  ].join('\n');
}

/** The reply the bench streams: answers one after another, about REPLY_LINES lines, run number first. */
export function streamedReplyLines(run: number): string[] {
  const lines = [`Streamed reply ${run} begins here.`, ''];
  for (let turn = 0; lines.length < REPLY_LINES; turn++) lines.push(...answer(100_000 + turn).split('\n'), '');
  return lines.slice(0, REPLY_LINES);
}

export function longConversation(now = Date.now()): Conversation {
  const start = now - TURNS * 60_000;
  const messages: ChatMessageView[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    const at = start + turn * 60_000;
    messages.push({ id: randomUUID(), role: 'user', text: question(turn), status: 'complete', createdAt: at });
    messages.push({ id: randomUUID(), role: 'assistant', text: answer(turn), status: 'complete', createdAt: at + 1 });
  }
  return { id: randomUUID(), title: LONG_TITLE, createdAt: start, updatedAt: now - 1000, messages };
}

/** Writes the conversation and the history index where the extension's store keeps them; returns the markdown lines. */
export function writeLongConversation(userDataDir: string, conversation = longConversation()): number {
  const folder = path.join(userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'conversations');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${conversation.id}.json`), JSON.stringify(toStored(conversation)));
  writeFileSync(
    path.join(folder, INDEX_FILE),
    JSON.stringify({ version: 1, conversations: [toSummary(conversation)] }),
  );
  return conversation.messages.reduce((lines, m) => lines + m.text.split('\n').length, 0);
}
