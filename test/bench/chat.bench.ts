// The time from the user's send to the final message posted to a chat webview, for a reply streamed at full speed:
// the real ChatService and ChatController with the real provider against the local protocol server, posting into a
// recording sink. The number of posts per reply is a budget of `npm test` (test/budgets/webviewPosts.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChatController } from '../../src/chat/chatController';
import type { EditorActions } from '../../src/chat/editorActions';
import { ChatService } from '../../src/chat/chatService';
import { ConversationStore } from '../../src/chat/conversationStore';
import type { ChatLog } from '../../src/common/log';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { streamChat } from '../../src/provider';
import type { HostToWebviewMessage } from '../../src/shared/messages';
import { withHeldText } from '../../src/webview-ui/view/messageOrder';
import { parseDirectives, replyChunks } from '../support/protocolServerDirectives';
import { replayPosts } from '../unit/chat/webviewReplay';
import { median, report, runBench, type ServerProcess } from './benchSupport';

const MESSAGE = '[chunks:20000]';
const RUNS = 7;

/** Warnings and errors fail the bench: a figure from a reply that went wrong would mean nothing. */
class FailingLog implements ChatLog {
  readonly problems: string[] = [];
  trace(): void {}
  info(): void {}
  warn(message: string): void {
    this.problems.push(message);
  }
  error(message: string): void {
    this.problems.push(message);
  }
}

function editorActions(baseUrl: string): EditorActions {
  const unexpected = async (): Promise<void> => {
    throw new Error('the bench uses no editor action');
  };
  return {
    copyText: unexpected,
    insertCode: unexpected,
    applyCode: unexpected,
    openExternal: unexpected,
    showMarkdown: unexpected,
    selectModel: unexpected,
    setApiKey: unexpected,
    openSettings: unexpected,
    showError: (message) => {
      throw new Error(message);
    },
    backend: () => ({ protocol: 'vitalentum', baseUrl }),
  };
}

type FinalMessage = Extract<HostToWebviewMessage, { type: 'messageUpdated' }>;

/**
 * One reply in a fresh chat view, from the user's send to the post carrying the final reply, in milliseconds. Every
 * post is recorded, so that a figure from a reply that went wrong is refused.
 */
async function oneReply(service: ChatService, log: ChatLog, baseUrl: string): Promise<number> {
  const expected = [...replyChunks(parseDirectives(MESSAGE))].join('');
  const posts: HostToWebviewMessage[] = [];
  let settle!: (message: FinalMessage) => void;
  const final = new Promise<FinalMessage>((resolve) => (settle = resolve));
  let ready!: () => void;
  const stateShown = new Promise<void>((resolve) => (ready = resolve));
  const controller = new ChatController({
    service,
    log,
    actions: editorActions(baseUrl),
    post: (message) => {
      posts.push(message);
      if (message.type === 'state') ready();
      if (message.type === 'messageUpdated' && message.message.role === 'assistant') settle(message);
    },
  });
  controller.handleMessage({ type: 'ready' });
  await stateShown;
  const sentAt = performance.now();
  // The reply is saved after its final post; the next reply (or the clean-up) waits for that.
  const idle = new Promise<void>((resolve) => {
    const listener = service.onEvent((event) => {
      if (event.type !== 'streamingChanged' || event.streaming) return;
      listener.dispose();
      resolve();
    });
  });
  controller.handleMessage({ type: 'send', text: MESSAGE });
  const finalMessage = await final;
  const finalAt = performance.now();
  await idle;
  controller.dispose();
  // The reply's text as the webview held it just before the final message, as the webview reads the posts.
  const replayed = replayPosts(posts.slice(0, posts.indexOf(finalMessage))).shown;
  const shown = replayed.find((m) => m.id === finalMessage.message.id)?.text ?? '';
  if (!expected.startsWith(shown)) throw new Error('the streamed text is not the reply’s start');
  // The final form carries the text the webview does not hold yet (after `textFrom` of it), as the webview reads it.
  const whole = withHeldText(finalMessage.message, finalMessage.textFrom, shown);
  if (whole?.status !== 'complete') throw new Error(`the reply ended ${whole?.status ?? 'unreadable'}`);
  if (whole.text !== expected) {
    throw new Error(`the final text has ${whole.text.length} characters, not ${expected.length}`);
  }
  return finalAt - sentAt;
}

async function main(server: ServerProcess): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'vitalentum-chat-bench-'));
  const log = new FailingLog();
  const service = new ChatService({
    store: new ConversationStore(folder, log),
    log,
    streamChat: (messages, request) => streamChat(messages, request),
    requestConfig: async () => ({ settings: { ...DEFAULT_SETTINGS, baseUrl: server.url }, strictSSL: true }),
    notify: (message) => log.error(message),
  });
  const runs: number[] = [];
  try {
    // The first reply warms up the JIT and the connection.
    for (let i = 0; i <= RUNS; i++) {
      const ms = await oneReply(service, log, server.url);
      if (i > 0) runs.push(ms);
    }
  } finally {
    service.dispose();
    await rm(folder, { recursive: true, force: true });
  }
  if (log.problems.length > 0) throw new Error(`the chat logged problems:\n${log.problems.join('\n')}`);
  report({ name: 'chat.replyMs', value: median(runs), unit: 'ms' });
}

runBench(main);
