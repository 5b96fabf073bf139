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

/** A reply of `chunksPerMs` chunks each virtual millisecond, started once the webview shows the reply streaming. */
function fixedRateStream(clock: VirtualClock, chunksPerMs: number, started: Promise<void>): ReplyStream {
  return {
    endReason: 'done',
    async *[Symbol.asyncIterator]() {
      await started;
      for (let ms = 0; ms < REPLY_SECONDS * 1000; ms++) {
        clock.advance(1);
        for (let i = 0; i < chunksPerMs; i++) yield chunkText(ms * chunksPerMs + i);
      }
    },
  };
}

/** Every post from the user's send to the history that follows the final message: all that one reply causes. */
async function postsPerReply(dir: string, chunksPerMs: number): Promise<HostToWebviewMessage[]> {
  const clock = new VirtualClock();
  const log = new RecordingLog();
  const actions = new RecordingActions();
  const posts: HostToWebviewMessage[] = [];
  const waiters: { until: (message: HostToWebviewMessage) => boolean; resolve: () => void }[] = [];
  const posted = (until: (message: HostToWebviewMessage) => boolean): Promise<void> =>
    new Promise((resolve) => waiters.push({ until, resolve }));
  const streaming = posted((m) => m.type === 'state' && m.state.streamingId !== undefined);
  const store = new ConversationStore(dir, log);
  const service = new ChatService({
    store,
    log,
    streamChat: () => fixedRateStream(clock, chunksPerMs, streaming),
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
  const shown = posted((m) => m.type === 'state');
  controller.handleMessage({ type: 'ready' });
  await within(5_000, 'the first state', shown);
  posts.length = 0;
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
  return [...posts];
}

/** The reply is whole, and what streamed before it is its start: few posts mean batching, not lost text. */
function assertWholeReply(posts: readonly HostToWebviewMessage[], chunks: number): void {
  const expected = Array.from({ length: chunks }, (_, i) => chunkText(i)).join('');
  const final = replayPosts(posts).updates.find((m) => m.role === 'assistant');
  assert.ok(final);
  assert.equal(final.status, 'complete');
  assert.equal(final.text.length, expected.length);
  assert.equal(final.text, expected);
  const streamed = posts.flatMap((m) => (m.type === 'delta' ? [m.text] : [])).join('');
  assert.ok(streamed.length > 0 && expected.startsWith(streamed), 'the streamed text is the reply’s start');
}

for (const chunksPerSecond of [1_000, 10_000]) {
  test(`a ${REPLY_SECONDS} s reply at ${chunksPerSecond} chunks/s is at most ${MAX_POSTS_PER_SECOND} posts a second`, () =>
    withTempDir(async (dir) => {
      const posts = await postsPerReply(dir, chunksPerSecond / 1000);
      assertWholeReply(posts, chunksPerSecond * REPLY_SECONDS);
      assertWithinBudget({
        name: `chat.webviewPostsPerReply.at${chunksPerSecond}ChunksPerSecond`,
        value: posts.length,
        unit: `posts in ${REPLY_SECONDS} s`,
        max: MAX_POSTS_PER_SECOND * REPLY_SECONDS,
      });
    }));
}
