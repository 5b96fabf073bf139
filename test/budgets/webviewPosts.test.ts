// The messages the host posts to a chat webview per reply, for replies streamed at a fixed rate on a virtual clock:
// the real ChatService and ChatController, so the count depends on the code alone, never on the machine's speed.
// The budget is the coalescer's promise: about one post per frame, at most 65 a second, whatever the chunk rate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatController } from '../../src/chat/chatController';
import { ChatService } from '../../src/chat/chatService';
import { ConversationStore } from '../../src/chat/conversationStore';
import type { Scheduler } from '../../src/chat/deltaCoalescer';
import type { ReplyStream } from '../../src/chat/replyStream';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import type { HostToWebviewMessage } from '../../src/shared/messages';
import { within } from '../support/deadline';
import { RecordingActions, RecordingLog, withTempDir } from '../unit/chat/helpers';
import { replayPosts } from '../unit/chat/webviewReplay';
import { assertWithinBudget } from './budget';

const REPLY_SECONDS = 10;
const MAX_POSTS_PER_SECOND = 65;

/** Time that passes only when the test moves it; timers fall due as it passes. */
class VirtualClock implements Scheduler {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.timers.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, running each timer that falls due on the way, earliest first. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

const chunkText = (i: number): string => `w${i} `;

/** A reply of `chunksPerMs` chunks each virtual millisecond, started once `started` settles; `midway` at its half. */
function fixedRateStream(
  clock: VirtualClock,
  chunksPerMs: number,
  started: Promise<void>,
  midway: () => Promise<void>,
): ReplyStream {
  return {
    endReason: 'done',
    async *[Symbol.asyncIterator]() {
      await started;
      for (let ms = 0; ms < REPLY_SECONDS * 1000; ms++) {
        if (ms === (REPLY_SECONDS * 1000) / 2) await midway();
        clock.advance(1);
        for (let i = 0; i < chunksPerMs; i++) yield chunkText(ms * chunksPerMs + i);
      }
    },
  };
}

/**
 * When the reply starts: once the webview shows it streaming; before any state has shown it (a server that answers
 * faster than the host reads its history); or once shown, with a state posted again at its half (as a state that
 * waited behind the question's save is).
 */
type ReplyStart = 'afterState' | 'beforeState' | 'stateMidway';

/** Every post from the user's send to the history that follows the final message: all that one reply causes. */
async function postsPerReply(
  dir: string,
  chunksPerMs: number,
  start: ReplyStart = 'afterState',
): Promise<{ reply: HostToWebviewMessage[]; all: HostToWebviewMessage[] }> {
  const clock = new VirtualClock();
  const log = new RecordingLog();
  const actions = new RecordingActions();
  const posts: HostToWebviewMessage[] = [];
  const waiters: { until: (message: HostToWebviewMessage) => boolean; resolve: () => void }[] = [];
  const posted = (until: (message: HostToWebviewMessage) => boolean): Promise<void> =>
    new Promise((resolve) => waiters.push({ until, resolve }));
  const streaming = posted((m) => m.type === 'state' && m.state.streamingId !== undefined);
  const store = new ConversationStore(dir, log);
  let midway = (): Promise<void> => Promise.resolve();
  const service = new ChatService({
    store,
    log,
    streamChat: () =>
      fixedRateStream(clock, chunksPerMs, start === 'beforeState' ? Promise.resolve() : streaming, () => midway()),
    requestConfig: async () => ({ settings: DEFAULT_SETTINGS, strictSSL: true }),
    notify: (message) => log.error(message),
    now: () => clock.now,
  });
  const controller = new ChatController({
    service,
    log,
    actions,
    scheduler: clock,
    post: (message) => {
      posts.push(message);
      for (const waiter of waiters.filter((w) => w.until(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
  });
  // The stream goes on once the state is posted, so that it comes while the reply streams.
  if (start === 'stateMidway') midway = () => controller.postState();
  const shown = posted((m) => m.type === 'state');
  controller.handleMessage({ type: 'ready' });
  await within(5_000, 'the first state', shown);
  const from = posts.length;
  let finalSeen = false;
  const done = posted((m) => {
    finalSeen ||= m.type === 'messageUpdated' && m.message.role === 'assistant';
    return finalSeen && m.type === 'history';
  });
  controller.handleMessage({ type: 'send', text: 'Go on.' });
  await within(30_000, 'the reply and the history after it', done);
  await service.stopAll();
  await store.list();
  controller.dispose();
  service.dispose();
  assert.deepEqual(log.at('warn').concat(log.at('error')), [], 'the chat logged problems');
  assert.deepEqual(actions.calls, [], 'the chat asked the editor for something');
  return { reply: posts.slice(from), all: [...posts] };
}

const replyText = (chunks: number): string => Array.from({ length: chunks }, (_, i) => chunkText(i)).join('');

/**
 * The reply is whole in the webview that saw `all` the posts, and what streamed before it is its start: few posts
 * mean batching, not lost text.
 */
function assertWholeReply(
  { reply: posts, all }: { reply: HostToWebviewMessage[]; all: HostToWebviewMessage[] },
  chunks: number,
): void {
  const expected = replyText(chunks);
  const final = replayPosts(all).updates.find((m) => m.role === 'assistant');
  assert.ok(final);
  assert.equal(final.status, 'complete');
  assert.equal(final.text.length, expected.length);
  assert.equal(final.text, expected);
  // What the webview showed of it before the final form: the deltas, and what a state brought between them.
  const finalAt = all.findIndex((m) => m.type === 'messageUpdated' && m.message.role === 'assistant');
  const streamed = replayPosts(all.slice(0, finalAt)).shown.find((m) => m.role === 'assistant')?.text ?? '';
  assert.ok(
    posts.some((m) => m.type === 'delta'),
    'nothing streamed',
  );
  assert.ok(streamed.length > 0 && expected.startsWith(streamed), 'the streamed text is the reply’s start');
}

for (const chunksPerSecond of [1_000, 10_000]) {
  test(`a ${REPLY_SECONDS} s reply at ${chunksPerSecond} chunks/s is at most ${MAX_POSTS_PER_SECOND} posts a second`, () =>
    withTempDir(async (dir) => {
      const posts = await postsPerReply(dir, chunksPerSecond / 1000);
      assertWholeReply(posts, chunksPerSecond * REPLY_SECONDS);
      assertWithinBudget({
        name: `chat.webviewPostsPerReply.at${chunksPerSecond}ChunksPerSecond`,
        value: posts.reply.length,
        unit: `posts in ${REPLY_SECONDS} s`,
        max: MAX_POSTS_PER_SECOND * REPLY_SECONDS,
      });
    }));
}

/** The characters of the reply's text in all the posts: its deltas, its final form, and its copies in states. */
function replyCharsPosted(posts: readonly HostToWebviewMessage[]): number {
  const reply = (m: { role: string; text: string }) => (m.role === 'assistant' ? m.text.length : 0);
  let chars = 0;
  for (const m of posts) {
    if (m.type === 'delta') chars += m.text.length;
    else if (m.type === 'messageUpdated') chars += reply(m.message);
    else if (m.type === 'state') for (const message of m.state.messages) chars += reply(message);
  }
  return chars;
}

// The reply's text crosses to the webview once: each post costs the editor's renderer time in proportion to its size
// (the webview's, where it shares the workbench's renderer), so a copy posted again holds back typing and painting.
const STARTS: Record<ReplyStart, string> = {
  afterState: 'starts once the webview shows it streaming',
  beforeState: 'starts before any state shows it',
  stateMidway: 'has a state posted at its half',
};
for (const [start, when] of Object.entries(STARTS) as [ReplyStart, string][]) {
  test(`a reply that ${when} posts its text once`, () =>
    withTempDir(async (dir) => {
      const chunks = 1_000 * REPLY_SECONDS;
      const posts = await postsPerReply(dir, 1, start);
      assertWholeReply(posts, chunks);
      const length = replyText(chunks).length;
      assertWithinBudget({
        name: `chat.webviewReplyCopies.${start}`,
        value: Math.round((replyCharsPosted(posts.reply) / length) * 100) / 100,
        unit: 'times the reply’s text',
        max: 1,
      });
    }));
}
