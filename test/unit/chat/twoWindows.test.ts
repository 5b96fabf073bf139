// Two windows on one history, each with its own store, chat service, controller and watcher over the same folder,
// as two extension hosts have: what either window adds reaches the disk and shows in the other window's view.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { ChatController } from '../../../src/chat/chatController';
import { ChatService } from '../../../src/chat/chatService';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { watchStorageFolder } from '../../../src/host/storageWatcher';
import type { HostToWebviewMessage } from '../../../src/shared/messages';
import type { ConversationSummary } from '../../../src/shared/protocol';
import { until } from '../../support/deadline';
import { ManualScheduler, RecordingActions, RecordingLog, StreamScript, withTempDir } from './helpers';
import { replayPosts } from './webviewReplay';

function openWindow(dir: string) {
  const log = new RecordingLog();
  const script = new StreamScript();
  const store = new ConversationStore(dir, log);
  const service = new ChatService({
    store,
    watchStorage: watchStorageFolder(dir, log),
    log,
    streamChat: script.streamChat,
    requestConfig: async () => ({ settings: { ...DEFAULT_SETTINGS, extraBody: {} }, strictSSL: true }),
    notify: (message) => log.error(`notified: ${message}`),
  });
  const posted: HostToWebviewMessage[] = [];
  const controller = new ChatController({
    service,
    post: (m) => posted.push(m),
    actions: new RecordingActions(),
    log,
    scheduler: new ManualScheduler(),
  });
  controller.handleMessage({ type: 'ready' });

  /** What the webview shows, as it applies the posts (see replayPosts). */
  const shown = (): string[] => replayPosts(posted).shown.map((m) => `${m.text} (${m.status})`);
  const history = (): ConversationSummary[] =>
    posted.flatMap((m) => (m.type === 'history' ? [m.history] : m.type === 'state' ? [m.state.history] : [])).at(-1) ??
    [];

  const ask = async (text: string, answer: string): Promise<string[]> => {
    const index = script.streams.length;
    controller.handleMessage({ type: 'send', text });
    const stream = await script.stream(index);
    stream.push(answer, { end: 'done' });
    await until(() => shown().at(-1) === `${answer} (complete)`, `the answer “${answer}”`);
    return stream.messages.map((m) => m.content);
  };
  const close = async (): Promise<void> => {
    await service.stopAll();
    await store.list();
    controller.dispose();
    service.dispose();
  };
  return { log, service, controller, posted, shown, history, ask, close };
}

type Window = ReturnType<typeof openWindow>;

const ALL = ['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'].map((t) => `${t} (complete)`);

/**
 * Two windows over one folder, after window 1 has asked Q1 and window 2 has opened that chat from its history;
 * both are closed afterwards, whatever `run` does.
 */
async function withTwoWindowsInOneChat(
  run: (first: Window, second: Window, id: string, dir: string) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    const first = openWindow(dir);
    const second = openWindow(dir);
    try {
      // 1. Window 1 chats in the sidebar.
      await first.ask('Q1', 'A1');
      const id = first.controller.conversationId!;
      // 2. Window 2 opens that chat from its history.
      await until(() => second.history().some((s) => s.id === id), 'the chat in window 2’s history');
      second.controller.handleMessage({ type: 'openConversation', id });
      await until(() => second.shown().length === 2, 'the chat opened in window 2');
      await run(first, second, id, dir);
    } finally {
      await first.close();
      await second.close();
    }
  });
}

describe('two windows on one history', () => {
  it('keeps every message on disk and in both views when both windows chat in one conversation', async () => {
    await withTwoWindowsInOneChat(async (first, second, id, dir) => {
      // Window 2 adds a message.
      assert.deepEqual(await second.ask('Q2', 'A2'), ['Q1', 'A1', 'Q2']);
      await until(() => first.shown().length === 4, 'window 2’s message in window 1');

      // 3. Window 1 adds another, and its model sees window 2's exchange.
      assert.deepEqual(await first.ask('Q3', 'A3'), ['Q1', 'A1', 'Q2', 'A2', 'Q3']);
      await until(() => second.shown().length === 6, 'window 1’s new message in window 2');

      assert.deepEqual(first.shown(), ALL);
      assert.deepEqual(second.shown(), ALL);
      const stored = await new ConversationStore(dir, new RecordingLog()).load(id);
      assert.deepEqual(
        stored?.messages.map((m) => `${m.text} (${m.status})`),
        ALL,
      );
      for (const window of [first, second]) {
        await until(() => window.history()[0]?.messageCount === 6, 'six messages in the history');
        assert.deepEqual(window.log.at('error'), []);
      }
    });
  });

  it('moves the other window to a new chat when the conversation it shows is deleted, and keeps it deleted', async () => {
    await withTwoWindowsInOneChat(async (first, second, id, dir) => {
      first.controller.handleMessage({ type: 'deleteConversation', id });
      await until(() => second.controller.conversationId !== id, 'window 2 leaving the deleted chat');
      await until(() => second.shown().length === 0 && second.history().length === 0, 'an empty chat and history');

      await second.ask('Q2', 'A2');
      // The reply shows as soon as it ends; its conversation is saved right after, then the history shows it.
      const newId = second.controller.conversationId;
      await until(() => second.history().some((s) => s.id === newId), 'the new chat in window 2’s history');
      const history = await new ConversationStore(dir, new RecordingLog()).list();
      assert.deepEqual(
        history.map((s) => s.id),
        [newId],
      );
    });
  });
});
