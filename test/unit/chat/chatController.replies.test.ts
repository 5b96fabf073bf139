// What a reply carries beside its text, through the controller: reasoning streamed live and stored apart from the
// answer (and never sent back to the model), a reply cut at the token limit and continued, token usage, and an error
// event inside the stream.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../src/chat/serviceEvents';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { CONTINUE_PROMPT } from '../../../src/chat/prompts';
import { ProviderError } from '../../../src/provider/errors';
import { canContinue } from '../../../src/shared/protocol';
import { until } from '../../support/deadline';
import { readyAndAsk, withChat } from './controllerHarness';
import { RecordingLog } from './helpers';

/** A clock the test moves, for the reasoning's duration. */
function clock() {
  const state = { time: 10_000 };
  return { now: () => state.time, advance: (ms: number) => (state.time += ms) };
}

describe('ChatController with reasoning, finish reasons and usage', () => {
  const time = clock();

  it('streams reasoning as coalesced deltas of its own and keeps it with the reply, apart from the answer', async () => {
    await withChat(
      async (chat, dir) => {
        const reasoned: string[] = [];
        chat.service.onEvent((e: ChatEvent) => void (e.type === 'reasoningDelta' && reasoned.push(e.text)));
        const stream = await readyAndAsk(chat, 'What is 6 × 7?');
        await until(() => chat.states().at(-1)?.streamingId !== undefined);
        stream.push({ reasoning: 'Six sevens' }, { reasoning: ' are' });
        await until(() => reasoned.length === 2, 'the first reasoning');
        time.advance(1500);
        stream.push({ reasoning: ' 42.' });
        await until(() => reasoned.length === 3, 'the last reasoning');
        // The first reasoning text goes at once; the two after it within one frame: one post.
        assert.equal(chat.scheduler.pending, 1);
        chat.scheduler.runAll();
        const reasoningPosts = () => chat.posted.filter((m) => m.type === 'reasoningDelta');
        assert.deepEqual(
          reasoningPosts().map((m) => m.type === 'reasoningDelta' && [m.messageId, m.text]),
          [
            [chat.states().at(-1)?.streamingId, 'Six sevens'],
            [chat.states().at(-1)?.streamingId, ' are 42.'],
          ],
        );
        assert.deepEqual(chat.deltas(), []);

        // Reasoning still gathered when the reply ends is dropped: the final message holds it.
        stream.push({ reasoning: ' Sure.' }, 'It is **42**.', { end: 'done' });
        await until(() => chat.updates().length === 1);
        chat.scheduler.runAll();
        assert.equal(reasoningPosts().length, 2, 'a reasoning delta after the final message');
        const [final] = chat.updates();
        assert.equal(final.text, 'It is **42**.');
        assert.deepEqual(final.reasoning, { text: 'Six sevens are 42. Sure.', durationMs: 1500 });
        assert.equal(final.stats?.chars, 'It is **42**.'.length, 'the reasoning counted as answer text');

        await until(() => chat.posted.some((m) => m.type === 'history' && m.history[0]?.messageCount === 2));
        const stored = await new ConversationStore(dir, new RecordingLog()).load(chat.controller.conversationId!);
        assert.deepEqual(stored?.messages[1].reasoning, final.reasoning);
        assert.equal(stored?.messages[1].text, 'It is **42**.');
      },
      { now: time.now },
    );
  });

  it('never sends the reasoning back to the model, neither with the next question nor to continue', async () => {
    await withChat(async (chat) => {
      const first = await readyAndAsk(chat, 'Name a prime');
      first.push({ reasoning: 'SECRET SCRATCH WORK' }, 'Seven.', { end: 'done' });
      await until(() => chat.updates().length === 1);
      chat.controller.handleMessage({ type: 'send', text: 'And another?' });
      const second = await chat.script.stream(1);
      assert.deepEqual(second.messages, [
        { role: 'user', content: 'Name a prime' },
        { role: 'assistant', content: 'Seven.' },
        { role: 'user', content: 'And another?' },
      ]);
      second.push({ reasoning: 'MORE SCRATCH' }, 'Eleven', { end: 'done', finishReason: 'length' });
      await until(() => chat.updates().length === 2);
      chat.controller.handleMessage({ type: 'continue' });
      const third = await chat.script.stream(2);
      assert.equal(third.messages.at(-1)?.content, CONTINUE_PROMPT);
      assert.doesNotMatch(JSON.stringify(third.messages), /SCRATCH/);
      third.push({ reasoning: 'AGAIN' }, '.', { end: 'done' });
      await until(() => chat.updates().length === 3);
      // A continued reply's new reasoning starts a paragraph of its own.
      assert.equal(chat.updates()[2].reasoning?.text, 'MORE SCRATCH\n\nAGAIN');
    });
  });

  it('completes a reply cut at the token limit with its finish reason, and Continue appends to it', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'List the planets');
      stream.push('Mercury, Venus,', {
        end: 'done',
        finishReason: 'length',
        usage: { promptTokens: 12, completionTokens: 5 },
      });
      await until(() => chat.updates().length === 1);
      const cut = chat.updates()[0];
      assert.equal(cut.status, 'complete');
      assert.equal(cut.stats?.finishReason, 'length');
      assert.deepEqual([cut.stats?.promptTokens, cut.stats?.completionTokens], [12, 5]);
      assert.equal(canContinue(cut), true);

      chat.controller.handleMessage({ type: 'continue' });
      const more = await chat.script.stream(1);
      assert.deepEqual(more.messages.slice(-2), [
        { role: 'assistant', content: 'Mercury, Venus,' },
        { role: 'user', content: CONTINUE_PROMPT },
      ]);
      more.push(' Earth.', { end: 'done', finishReason: 'stop', usage: { promptTokens: 20, completionTokens: 3 } });
      await until(() => chat.updates().length === 2);
      const continued = chat.updates()[1];
      assert.equal(continued.id, cut.id);
      assert.equal(continued.text, 'Mercury, Venus, Earth.');
      assert.equal(continued.stats?.finishReason, 'stop');
      assert.deepEqual([continued.stats?.promptTokens, continued.stats?.completionTokens], [32, 8]);
      assert.equal(canContinue(continued), false);

      // A reply the model finished is not continued.
      await chat.controller.handleMessage({ type: 'continue' });
      assert.equal(chat.script.streams.length, 2);
      assert.match(chat.log.at('info').join('\n'), /Nothing to continue/);
      assert.match(chat.log.at('info').join('\n'), /finish length, tokens 12 in 5 out/);
    });
  });

  it('keeps the partial text of a reply ended by an error event in the stream, with the server’s message', async () => {
    await withChat(async (chat, dir) => {
      const stream = await readyAndAsk(chat, 'Write a poem');
      stream.push(
        'Roses are',
        new ProviderError('server', 'error event in the stream: The model is overloaded.', {
          serverMessage: 'The model is overloaded.',
        }),
      );
      await until(() => chat.updates().length === 1);
      const [failed] = chat.updates();
      assert.deepEqual([failed.text, failed.status, failed.error?.kind], ['Roses are', 'error', 'server']);
      assert.match(failed.error?.message ?? '', /The model is overloaded\./);
      assert.equal(canContinue(failed), true);
      await until(() => chat.posted.some((m) => m.type === 'history' && m.history[0]?.messageCount === 2));
      const stored = await new ConversationStore(dir, new RecordingLog()).load(chat.controller.conversationId!);
      assert.equal(stored?.messages[1].text, 'Roses are');
    });
  });
});

describe('Apply through the controller', () => {
  it('targets the selection pinned last, and no selection once it is removed', async () => {
    await withChat(async (chat) => {
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => chat.states().length === 1);
      const selection = (startLine: number, text: string) => ({
        ...{ kind: 'selection' as const, uri: 'file:///w/a.py', path: 'a.py', languageId: 'python' },
        ...{ startLine, endLine: startLine, text },
      });
      await chat.controller.addContext([{ kind: 'file', uri: 'file:///w/b.py', path: 'b.py' }]);
      await chat.controller.addContext([selection(3, 'x = 1'), selection(7, 'y = 2')]);
      /** Sends a request and waits for the controller's answer to it. */
      let nextId = 1;
      const request = async (message: Record<string, unknown>) => {
        const requestId = nextId++;
        chat.controller.handleMessage({ ...message, requestId });
        await until(() => chat.posted.some((m) => m.type === 'reply' && m.requestId === requestId));
      };
      const apply = async () => {
        await request({ type: 'applyCode', code: 'z = 3\n', info: 'py' });
        return chat.actions.calls.at(-1);
      };
      assert.equal(await apply(), 'apply z = 3\n [py] a.py:7');
      const pinned = (await chat.service.open(chat.controller.conversationId)).context ?? [];
      for (const item of pinned.filter((p) => p.kind === 'selection')) {
        await request({ type: 'removeContext', id: item.id });
      }
      assert.equal(await apply(), 'apply z = 3\n [py] no selection');
    });
  });
});
