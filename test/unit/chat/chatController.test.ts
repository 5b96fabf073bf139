// The controller between a chat webview and the chat service: the state after `ready`, streamed deltas, Stop, retry
// and continue, editing, context, links and restoring a conversation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { CONTINUE_PROMPT } from '../../../src/chat/prompts';
import { ProviderError } from '../../../src/provider/errors';
import { ChatController } from '../../../src/chat/chatController';
import { STOP_DEADLINE_MS, until, within } from '../../support/deadline';
import { readyAndAsk, setup, withChat } from './controllerHarness';
import { RecordingLog } from './helpers';

describe('ChatController', () => {
  it('answers ready with the full state', async () => {
    await withChat(async (chat) => {
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => chat.states().length === 1);
      const [state] = chat.states();
      assert.deepEqual(state.messages, []);
      assert.deepEqual(state.history, []);
      assert.equal(state.backend.baseUrl, 'http://127.0.0.1:1');
      assert.equal(state.conversationId, chat.controller.conversationId);
    });
  });

  it('streams a reply as coalesced deltas, then the final message with stats, and stores it', async () => {
    await withChat(async (chat, dir) => {
      const stream = await readyAndAsk(chat, 'Say hello');
      assert.deepEqual(stream.messages, [{ role: 'user', content: 'Say hello' }]);
      await until(() => chat.states().at(-1)?.streamingId !== undefined);
      const replyId = chat.states().at(-1)!.streamingId!;

      stream.push('Hel', 'lo', ' there');
      // Read a piece at a time: the service lets the event loop turn after the first.
      await until(() => stream.unread === 0 && chat.scheduler.pending === 1);
      await until(() => chat.service.streamingMessageId(chat.controller.conversationId!) !== undefined);
      chat.scheduler.runAll();
      // The first chunk at once, the two that followed within the frame in one post.
      assert.deepEqual(chat.deltas(), ['Hel', 'lo there']);

      stream.push({ end: 'done' });
      await until(() => chat.updates().length === 1);
      const [final] = chat.updates();
      assert.equal(final.id, replyId);
      assert.equal(final.text, 'Hello there');
      assert.equal(final.status, 'complete');
      assert.equal(final.stats?.chunks, 3);
      assert.equal(final.stats?.chars, 11);
      assert.equal(final.stats?.protocol, 'vitalentum');

      await until(() => chat.posted.some((m) => m.type === 'history' && m.history[0]?.messageCount === 2));
      const stored = await new ConversationStore(dir, new RecordingLog()).load(chat.controller.conversationId!);
      assert.deepEqual(
        stored?.messages.map((m) => [m.role, m.text, m.status]),
        [
          ['user', 'Say hello', 'complete'],
          ['assistant', 'Hello there', 'complete'],
        ],
      );
      assert.match(chat.log.at('info').join('\n'), /vitalentum .* messages=1: complete in \d+ ms, 3 chunks, 11 chars/);
    });
  });

  it('keeps the partial reply when the user stops it', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Count to ten');
      stream.push('one two');
      await until(() => chat.scheduler.pending === 1);
      // The scripted reply never ends by itself, so only the stop can settle it within the deadline.
      chat.controller.handleMessage({ type: 'stop' });
      await until(() => chat.updates().length === 1, 'the stopped reply', STOP_DEADLINE_MS);
      assert.equal(stream.request.signal.aborted, true);
      assert.deepEqual([chat.updates()[0].text, chat.updates()[0].status], ['one two', 'stopped']);
      await until(() => !chat.service.isStreaming);
    });
  });

  it('keeps the partial reply with the error, and retry replaces the failed reply', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Explain TCP');
      stream.push('TCP is', new ProviderError('network', 'The connection to the chat server was reset.'));
      await until(() => chat.updates().length === 1);
      const failed = chat.updates()[0];
      assert.equal(failed.text, 'TCP is');
      assert.equal(failed.status, 'error');
      assert.equal(failed.error?.kind, 'network');
      assert.equal(failed.error?.detail, 'The connection to the chat server was reset.');

      chat.controller.handleMessage({ type: 'retry' });
      const second = await chat.script.stream(1);
      assert.deepEqual(second.messages, [{ role: 'user', content: 'Explain TCP' }]);
      await until(
        () => chat.states().at(-1)?.messages.length === 2 && chat.states().at(-1)?.messages[1].id !== failed.id,
      );
      assert.equal(chat.states().at(-1)?.messages[1].text, '');
      second.push('TCP is a protocol.', { end: 'done' });
      await until(() => chat.updates().length === 2);
      assert.equal(chat.updates()[1].status, 'complete');
    });
  });

  it('continues a reply cut short by appending to the same message', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'What is six times seven?');
      stream.push('The answer', { end: 'end-of-body' });
      await until(() => chat.updates().length === 1);
      const cut = chat.updates()[0];
      assert.equal(cut.status, 'incomplete');

      chat.controller.handleMessage({ type: 'continue' });
      const more = await chat.script.stream(1);
      assert.deepEqual(more.messages, [
        { role: 'user', content: 'What is six times seven?' },
        { role: 'assistant', content: 'The answer' },
        { role: 'user', content: CONTINUE_PROMPT },
      ]);
      more.push(' is 42.', { end: 'done' });
      await until(() => chat.updates().length === 2);
      const continued = chat.updates()[1];
      assert.equal(continued.id, cut.id);
      assert.equal(continued.text, 'The answer is 42.');
      assert.equal(continued.status, 'complete');
      // The details count both requests, as the text on screen holds both.
      assert.equal(continued.stats?.chars, 'The answer is 42.'.length);
      assert.equal(continued.stats?.chunks, 2);
      assert.equal(chat.states().at(-1)?.messages.length, 2);
    });
  });

  it('continues a reply that failed before its first word by answering the question again', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Explain UDP');
      stream.push(new ProviderError('http', 'HTTP 500', { status: 500 }));
      await until(() => chat.updates().length === 1);
      const failed = chat.updates()[0];
      assert.equal(failed.text, '');
      assert.equal(failed.status, 'error');

      chat.controller.handleMessage({ type: 'continue' });
      const again = await chat.script.stream(1);
      assert.deepEqual(again.messages, [{ role: 'user', content: 'Explain UDP' }]);
      again.push('UDP sends datagrams.', { end: 'done' });
      await until(() => chat.updates().length === 2);
      const answered = chat.updates()[1];
      assert.notEqual(answered.id, failed.id);
      assert.equal(answered.text, 'UDP sends datagrams.');
      assert.deepEqual(
        chat
          .states()
          .at(-1)
          ?.messages.map((m) => m.role),
        ['user', 'assistant'],
      );
    });
  });

  it('puts the last question back into the input and removes it with its reply', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Typo in thsi question');
      stream.push('Answer.', { end: 'done' });
      await until(() => chat.updates().length === 1);
      chat.controller.handleMessage({ type: 'editLast' });
      await until(() => chat.posted.some((m) => m.type === 'setInput'));
      assert.deepEqual(
        chat.posted.find((m) => m.type === 'setInput'),
        { type: 'setInput', text: 'Typo in thsi question' },
      );
      assert.deepEqual(chat.states().at(-1)?.messages, []);
    });
  });

  it('ignores and logs malformed messages', async () => {
    await withChat(async (chat) => {
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => chat.states().length === 1);
      chat.controller.handleMessage({ type: 'send', text: 42 });
      chat.controller.handleMessage('ready');
      chat.controller.handleMessage({ type: 'deleteEverything' });
      await new Promise((resolve) => setImmediate(resolve));
      // The state, and the chips and meter that follow it: nothing for the malformed ones.
      assert.deepEqual(
        chat.posted.map((m) => m.type),
        ['state', 'contextView'],
      );
      assert.equal(chat.script.streams.length, 0);
      assert.equal(chat.log.at('warn').filter((line) => line.startsWith('Ignored a malformed message')).length, 3);
    });
  });

  it('answers each request under its id: done, the failure, or a refusal', async () => {
    await withChat(async (chat) => {
      const replies = () => chat.posted.flatMap((m) => (m.type === 'reply' ? [m] : []));
      await chat.controller.handleMessage({ type: 'ready', requestId: 1 });
      assert.deepEqual(replies(), [{ type: 'reply', requestId: 1 }]);
      // A failed request is shown once, and its reply says why.
      chat.actions.insertCode = async () => {
        throw new Error('no editor is open');
      };
      await chat.controller.handleMessage({ type: 'insertCode', code: 'x', requestId: 2 });
      assert.deepEqual(replies()[1], { type: 'reply', requestId: 2, error: 'no editor is open' });
      assert.deepEqual(chat.actions.calls, ['error Vitalentum: no editor is open']);
      await chat.controller.handleMessage({ type: 'launch', requestId: 3 });
      assert.deepEqual(replies()[2], { type: 'reply', requestId: 3, error: 'The message was malformed.' });
      await chat.controller.handleMessage({ type: 'newChat' });
      assert.equal(replies().length, 3, 'a request without an id was answered');
    });
  });

  it('opens only http(s) and mailto links', async () => {
    await withChat(async (chat) => {
      for (const href of [
        'https://example.com/a',
        'mailto:someone@example.com',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'command:workbench.action.quit',
      ]) {
        chat.controller.handleMessage({ type: 'openLink', href });
      }
      await until(() => chat.log.at('warn').length === 3);
      assert.deepEqual(chat.actions.calls, ['open https://example.com/a', 'open mailto:someone@example.com']);
    });
  });

  it("runs a failed reply's action: the key and settings through the editor, retry through the service", async () => {
    await withChat(async (chat) => {
      chat.controller.handleMessage({ type: 'errorAction', action: 'setApiKey' });
      chat.controller.handleMessage({ type: 'errorAction', action: 'openSettings' });
      chat.controller.handleMessage({ type: 'errorAction', action: 'format the disk' });
      await until(() => chat.actions.calls.length === 2 && chat.log.at('warn').length === 1);
      assert.deepEqual(chat.actions.calls, ['setApiKey', 'openSettings']);
    });
  });

  it('restores a conversation saved mid-reply with the partial text, ready to continue', async () => {
    await withChat(async (first, dir) => {
      const stream = await readyAndAsk(first, 'Long story please');
      stream.push('Once upon');
      await until(() => first.scheduler.pending === 1);
      const id = first.controller.conversationId!;
      await within(STOP_DEADLINE_MS, 'the reply stopping', first.service.stop(id));
      const reloaded = setup(dir);
      const restored = new ChatController({
        service: reloaded.service,
        post: (m) => reloaded.posted.push(m),
        actions: reloaded.actions,
        log: reloaded.log,
        conversationId: id,
      });
      restored.handleMessage({ type: 'ready' });
      await until(() => reloaded.states().length === 1);
      const [state] = reloaded.states();
      assert.equal(state.conversationId, id);
      assert.deepEqual(
        state.messages.map((m) => [m.text, m.status]),
        [
          ['Long story please', 'complete'],
          ['Once upon', 'stopped'],
        ],
      );
      assert.equal(state.history[0].id, id);
      restored.dispose();
      await reloaded.close();
    });
  });

  it('switches to a new conversation when the one on screen is deleted', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Forget me');
      stream.push('Done.', { end: 'done' });
      await until(() => chat.updates().length === 1);
      const id = chat.controller.conversationId!;
      chat.controller.handleMessage({ type: 'deleteConversation', id });
      await until(() => chat.states().at(-1)?.conversationId !== id);
      assert.deepEqual(chat.states().at(-1)?.messages, []);
      assert.deepEqual(await chat.store.list(), []);
    });
  });
});
