// A ChatController wired to the test doubles of ./helpers, with what it posted to its webview sorted by kind.
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { ChatController } from '../../../src/chat/chatController';
import { ChatService } from '../../../src/chat/chatService';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { ContextActions } from '../../../src/chat/contextChips';
import type { HostToWebviewMessage } from '../../../src/shared/messages';
import type { ChatMessageView, ChatState } from '../../../src/shared/protocol';
import { STOP_DEADLINE_MS, until, within } from '../../support/deadline';
import { ManualScheduler, RecordingActions, RecordingLog, StreamScript, withTempDir } from './helpers';
import { replayPosts } from './webviewReplay';

/** `now`: the service's clock, for tests that measure time; the real one otherwise. `context`: the editor's picker. */
export function setup(dir: string, { now, context }: { now?: () => number; context?: ContextActions } = {}) {
  const log = new RecordingLog();
  const script = new StreamScript();
  const scheduler = new ManualScheduler();
  const store = new ConversationStore(dir, log);
  const service = new ChatService({
    store,
    log,
    streamChat: script.streamChat,
    requestConfig: async () => ({ settings: { ...DEFAULT_SETTINGS, extraBody: {} }, strictSSL: true }),
    notify: (message) => log.error(`notified: ${message}`),
    now,
  });
  const posted: HostToWebviewMessage[] = [];
  const actions = new RecordingActions();
  const controller = new ChatController({ service, post: (m) => posted.push(m), actions, log, scheduler, context });
  /** What the webview saw, as it applies the posts (see replayPosts). */
  const states = (): ChatState[] => replayPosts(posted).states;
  const updates = (): ChatMessageView[] => replayPosts(posted).updates;
  const deltas = (): string[] => posted.flatMap((m) => (m.type === 'delta' ? [m.text] : []));
  /** Ends every reply and waits for the store's writes, so the folder can be removed. */
  const close = async (): Promise<void> => {
    await within(STOP_DEADLINE_MS, 'every reply stopping', service.stopAll());
    await store.list();
    controller.dispose();
    service.dispose();
  };
  return { log, script, scheduler, store, service, posted, actions, controller, states, updates, deltas, close };
}

export type Chat = ReturnType<typeof setup>;

export function withChat(
  run: (chat: Chat, dir: string) => Promise<void>,
  options: Parameters<typeof setup>[1] = {},
): Promise<void> {
  return withTempDir(async (dir) => {
    const chat = setup(dir, options);
    try {
      await run(chat, dir);
    } catch (error) {
      // A cleanup that fails too (a reply that does not stop) must not hide the test's own failure.
      await chat.close().catch(() => undefined);
      throw error;
    }
    await chat.close();
  });
}

export async function readyAndAsk(chat: Chat, text: string) {
  chat.controller.handleMessage({ type: 'ready' });
  await until(() => chat.states().length === 1);
  chat.controller.handleMessage({ type: 'send', text });
  return chat.script.stream(chat.script.streams.length);
}
