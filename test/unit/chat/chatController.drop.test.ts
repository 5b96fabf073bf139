// Files dropped on the chat, through the controller: the dropFiles request pins what the editor's side makes of the
// URIs and is answered under its id; a malformed one is refused under its id and pins nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContextActions } from '../../../src/chat/contextChips';
import type { NewContextItem } from '../../../src/chat/contextItems';
import { until } from '../../support/deadline';
import { withChat, type Chat } from './controllerHarness';

/** The editor's side: every dropped URI but the folder becomes a file chip; what it was given is kept. */
function dropActions(received: string[][]): ContextActions {
  return {
    pick: async () => [],
    open: async () => undefined,
    dropped: async (uris) => {
      received.push([...uris]);
      return uris
        .filter((uri) => !uri.endsWith('/src'))
        .map((uri): NewContextItem => ({ kind: 'file', uri, path: uri.slice('file:///w/'.length) }));
    },
  };
}

async function request(chat: Chat, message: Record<string, unknown>, requestId: number) {
  chat.controller.handleMessage({ ...message, requestId });
  await until(() => chat.posted.some((m) => m.type === 'reply' && m.requestId === requestId));
  return chat.posted.find((m) => m.type === 'reply' && m.requestId === requestId);
}

test('dropped files are pinned to the conversation, once each, and the request is answered', async () => {
  const received: string[][] = [];
  await withChat(
    async (chat) => {
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => chat.states().length === 1);
      const uris = ['file:///w/a.ts', 'file:///w/src', 'file:///w/notes.md'];
      assert.deepEqual(await request(chat, { type: 'dropFiles', uris }, 7), { type: 'reply', requestId: 7 });
      await request(chat, { type: 'dropFiles', uris: ['file:///w/a.ts'] }, 8);
      assert.deepEqual(received, [uris, ['file:///w/a.ts']]);
      const pinned = (await chat.service.open(chat.controller.conversationId!)).context ?? [];
      assert.deepEqual(
        pinned.map(({ kind, path }) => `${kind} ${path}`),
        ['file a.ts', 'file notes.md'],
        'the folder is left out, and a file dropped again is not pinned twice',
      );
    },
    { context: dropActions(received) },
  );
});

test('a dropFiles request without a list of URIs is refused under its id and pins nothing', async () => {
  const received: string[][] = [];
  await withChat(
    async (chat) => {
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => chat.states().length === 1);
      for (const [id, uris] of [
        [1, 'file:///w/a.ts'],
        [2, [42]],
        [3, ['']],
      ] as const) {
        const reply = await request(chat, { type: 'dropFiles', uris }, id);
        assert.ok(reply?.type === 'reply' && reply.error, `request ${id} refused`);
      }
      assert.deepEqual(received, []);
    },
    { context: dropActions(received) },
  );
});
