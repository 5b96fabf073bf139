// The messages the host posts to a chat webview while a reply streams at full speed: the real ChatService and
// ChatController with the real provider against the local protocol server, posting into a recording sink.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChatController, type EditorActions } from '../../src/chat/chatController';
import { ChatService } from '../../src/chat/chatService';
import { ConversationStore } from '../../src/chat/conversationStore';
import type { ChatLog } from '../../src/chat/log';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { streamChat } from '../../src/provider';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { median, report, runBench, type ServerProcess } from './bench-support';

const CHUNKS = 20_000;
const RUNS = 7;
/** A reply paced by the server so that it streams for a couple of seconds: the rate of posts is then the coalescer's. */
const SUSTAINED = { chunks: 2_000, paceMs: 1 };

const replyText = (chunks: number) => Array.from({ length: chunks }, (_, i) => `w${i} `).join('');

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
    openExternal: unexpected,
    showMarkdown: unexpected,
    selectModel: unexpected,
    showError: (message) => {
      throw new Error(message);
    },
    backend: () => ({ protocol: 'vitalentum', baseUrl }),
  };
}

interface Post {
  at: number;
  message: HostToWebviewMessage;
}

type FinalMessage = Extract<HostToWebviewMessage, { type: 'messageUpdated' }>;

interface ReplyRun {
  /** From the user's send to the post carrying the final reply. */
  ms: number;
  posts: number;
  deltaPosts: number;
}

/** The reply text a webview showed just before the final message: the last state's text, then the deltas after it. */
function shownBeforeFinal(posts: readonly Post[]): string {
  let shown = '';
  for (const { message } of posts) {
    if (message.type === 'state') {
      const reply = message.state.messages.find((m) => m.id === message.state.streamingId);
      shown = reply?.text ?? '';
    } else if (message.type === 'delta') {
      shown += message.text;
    }
  }
  return shown;
}

/** One reply in a fresh chat view: every post from the send up to the final message is recorded. */
async function oneReply(
  service: ChatService,
  log: ChatLog,
  baseUrl: string,
  { chunks = CHUNKS, paceMs = 0 } = {},
): Promise<ReplyRun> {
  const expected = replyText(chunks);
  const posts: Post[] = [];
  let settle!: (message: FinalMessage) => void;
  const final = new Promise<FinalMessage>((resolve) => (settle = resolve));
  let ready!: () => void;
  const stateShown = new Promise<void>((resolve) => (ready = resolve));
  const controller = new ChatController({
    service,
    log,
    actions: editorActions(baseUrl),
    post: (message) => {
      posts.push({ at: performance.now(), message });
      if (message.type === 'state') ready();
      if (message.type === 'messageUpdated' && message.message.role === 'assistant') settle(message);
    },
  });
  controller.handleMessage({ type: 'ready' });
  await stateShown;
  const sentAt = performance.now();
  const firstPost = posts.length;
  // The reply is saved after its final post; the next reply (or the clean-up) waits for that.
  const idle = new Promise<void>((resolve) => {
    const listener = service.onEvent((event) => {
      if (event.type !== 'streamingChanged' || event.streaming) return;
      listener.dispose();
      resolve();
    });
  });
  controller.handleMessage({ type: 'send', text: `[chunks:${chunks}] [pace:${paceMs}]`, includeContext: false });
  const finalMessage = await final;
  const finalAt = performance.now();
  await idle;
  controller.dispose();
  const { status, text } = finalMessage.message;
  if (status !== 'complete') throw new Error(`the reply ended ${status}`);
  if (text !== expected) throw new Error(`the final text has ${text.length} characters, not ${expected.length}`);
  const during = posts.slice(firstPost).filter((post) => post.at <= finalAt);
  const deltas = during.filter((post) => post.message.type === 'delta');
  if (!expected.startsWith(shownBeforeFinal(during))) {
    throw new Error('the streamed text is not the reply’s start');
  }
  return { ms: finalAt - sentAt, posts: during.length, deltaPosts: deltas.length };
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
  const runs: ReplyRun[] = [];
  let sustained: ReplyRun;
  try {
    // The first reply warms up the JIT and the connection.
    for (let i = 0; i <= RUNS; i++) {
      const run = await oneReply(service, log, server.url);
      if (i > 0) runs.push(run);
    }
    sustained = await oneReply(service, log, server.url, SUSTAINED);
  } finally {
    service.dispose();
    await rm(folder, { recursive: true, force: true });
  }
  if (log.problems.length > 0) throw new Error(`the chat logged problems:\n${log.problems.join('\n')}`);
  report({ name: 'chat.replyMs', value: median(runs.map((r) => r.ms)), unit: 'ms' });
  report({ name: 'chat.webviewPostsPerReply', value: median(runs.map((r) => r.posts)), unit: 'posts' });
  report({ name: 'chat.deltaPostsPerReply', value: median(runs.map((r) => r.deltaPosts)), unit: 'posts' });
  // The budget is the coalescer's promise: streamed text reaches the webview about once a frame, whatever the rate
  // of chunks. The other posts (state, history, the final message) come once per reply.
  report({
    name: 'chat.deltaPostsPerSecond',
    value: median(runs.map((r) => r.deltaPosts / (r.ms / 1000))),
    unit: 'posts/s',
    max: 65,
  });
  // A full-speed reply is over in a few tens of milliseconds, so its rate of all posts is mostly the once-per-reply
  // ones; a reply that streams for seconds shows what the webview receives while it streams.
  report({ name: 'chat.sustained.replyMs', value: Math.round(sustained.ms), unit: 'ms' });
  report({
    name: 'chat.sustained.webviewPostsPerSecond',
    value: Math.round((sustained.posts / (sustained.ms / 1000)) * 10) / 10,
    unit: 'posts/s',
    max: 65,
  });
}

runBench(main);
