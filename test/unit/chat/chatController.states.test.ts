// The states the controller posts: whole after `ready`, then, for the conversation the webview shows already, only
// the messages that changed with the order of all of them (a reply starting in a long conversation posts two); the
// first waits for the conversation a restored view looks up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addReply, addUserMessage, type Conversation, createConversation } from '../../../src/chat/conversation';
import { ChatController } from '../../../src/chat/chatController';
import { EARLIER_PAGE_CHARS, FIRST_STATE_MESSAGES } from '../../../src/chat/shownMessages';
import type { HostToWebviewMessage } from '../../../src/shared/messages';
import { until } from '../../support/deadline';
import { type Chat, readyAndAsk, withChat } from './controllerHarness';

/** Stores a conversation of `turns` turns with the answers `answer` gives, and shows it in a ready webview. */
async function openStored(chat: Chat, turns: number, answer: (turn: number) => string) {
  const stored = createConversation(1000);
  for (let turn = 0; turn < turns; turn++) {
    addUserMessage(stored, `Question ${turn}`, 1000 + turn);
    Object.assign(addReply(stored, 1000 + turn), { text: answer(turn), status: 'complete' });
  }
  await chat.store.save(stored);
  const raw = () => chat.posted.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  chat.controller.handleMessage({ type: 'ready' });
  chat.controller.handleMessage({ type: 'openConversation', id: stored.id });
  await until(() => raw().at(-1)?.conversationId === stored.id);
  return { stored, raw };
}

/** The webview, as it applies the posts, shows every message of `stored` in order. */
function assertShowsAll(chat: Chat, stored: Conversation): void {
  assert.deepEqual(
    chat
      .states()
      .at(-1)
      ?.messages.map((m) => m.id),
    stored.messages.map((m) => m.id),
  );
}

describe('ChatController states', () => {
  it('posts the whole state after ready, then only the messages that changed, in the order of all', async () => {
    await withChat(async (chat) => {
      const first = await readyAndAsk(chat, 'Q1');
      first.push('A1', { end: 'done' });
      await until(() => chat.updates().length === 1);
      const raw = () => chat.posted.flatMap((m) => (m.type === 'state' ? [m.state] : []));
      assert.equal(raw()[0].order, undefined, 'the state after ready is whole');

      chat.controller.handleMessage({ type: 'send', text: 'Q2' });
      await chat.script.stream(1);
      await until(() => raw().at(-1)?.streamingId !== undefined && raw().at(-1)?.messages.length === 2);
      const started = raw().at(-1)!;
      assert.deepEqual(
        started.messages.map((m) => m.text),
        ['Q2', ''],
      );
      // The question and answer before keep their places; only the new ids are posted.
      assert.equal(started.orderKept, 2);
      assert.equal(started.order?.length, 2);
      assert.deepEqual(
        chat
          .states()
          .at(-1)
          ?.messages.map((m) => m.text),
        ['Q1', 'A1', 'Q2', ''],
      );

      // A reloaded webview has nothing: it gets the whole state again.
      chat.controller.webviewLost();
      const count = raw().length;
      chat.controller.handleMessage({ type: 'ready' });
      await until(() => raw().length > count);
      assert.equal(raw().at(-1)?.order, undefined);
      assert.equal(raw().at(-1)?.messages.length, 4);
    });
  });

  it('posts the end of a long conversation first, and the messages before it when the webview asks', async () => {
    await withChat(async (chat) => {
      const { stored, raw } = await openStored(chat, FIRST_STATE_MESSAGES, (turn) => `Answer ${turn}`);
      const first = raw().at(-1)!;
      assert.equal(first.earlier, FIRST_STATE_MESSAGES);
      assert.deepEqual(first.messages.at(-1)?.text, `Answer ${FIRST_STATE_MESSAGES - 1}`);

      // Asked for another conversation, it posts nothing; asked for this one, the messages it left out.
      const count = raw().length;
      await chat.controller.handleMessage({ type: 'showEarlier', conversationId: 'another' });
      assert.equal(raw().length, count);
      chat.controller.handleMessage({ type: 'showEarlier', conversationId: stored.id });
      await until(() => raw().length > count);
      assert.deepEqual(
        raw()
          .at(-1)
          ?.messages.map((m) => m.text),
        stored.messages.slice(0, FIRST_STATE_MESSAGES).map((m) => m.text),
      );
      assertShowsAll(chat, stored);
    });
  });

  it('posts the messages before the end of a long conversation a page at a time, all for one ask', async () => {
    await withChat(async (chat) => {
      // Before the first state's messages, six turns with answers of a quarter of a page: two pages of three turns.
      const answer = (turn: number) => `Answer ${turn} `.padEnd(EARLIER_PAGE_CHARS / 4, 'x');
      const { stored, raw } = await openStored(chat, FIRST_STATE_MESSAGES / 2 + 6, answer);
      const count = raw().length;
      assert.equal(raw().at(-1)?.earlier, 12);

      await chat.controller.handleMessage({ type: 'showEarlier', conversationId: stored.id });
      const pages = raw().slice(count);
      assert.deepEqual(
        pages.map((page) => [page.messages.length, page.earlier]),
        [
          [6, 6],
          [6, undefined],
        ],
      );
      assertShowsAll(chat, stored);
      // Asked again once all is shown, it posts nothing.
      await chat.controller.handleMessage({ type: 'showEarlier', conversationId: stored.id });
      assert.equal(raw().length, count + 2);
    });
  });

  it('posts a reply that streamed in as the text after what was streamed, and not again with the next question', async () => {
    await withChat(async (chat) => {
      const stream = await readyAndAsk(chat, 'Q1');
      const raw = () => chat.posted.flatMap((m) => (m.type === 'state' ? [m.state] : []));
      await until(() => raw().at(-1)?.streamingId !== undefined);
      let streamed = '';
      chat.service.onEvent((event) => (streamed += event.type === 'delta' ? event.text : ''));
      stream.push('A long answer, ');
      await until(() => chat.deltas().length === 1);
      stream.push('streamed');
      await until(() => streamed.endsWith('streamed'));
      // A state while it streams posts of the reply only the text after the deltas' (the part still gathered).
      await chat.controller.postState();
      const during = raw().at(-1);
      const id = chat.service.streamingMessageId(chat.controller.conversationId!) ?? '';
      assert.deepEqual([during?.messages.at(-1)?.text, during?.textFrom], ['streamed', { [id]: 15 }]);
      assert.equal(chat.states().at(-1)?.messages.at(-1)?.text, 'A long answer, streamed');
      chat.scheduler.runAll();
      stream.push(' in parts');
      await until(() => chat.deltas().length === 2);
      stream.push(' and ended.', { end: 'done' });
      await until(() => chat.updates().length === 1);
      const update = chat.posted.find((m) => m.type === 'messageUpdated');
      assert.ok(update?.type === 'messageUpdated');
      // The text the webview holds is followed by the rest, which was still gathered when the reply ended.
      assert.deepEqual([update.textFrom, update.message.text], [32, ' and ended.']);
      assert.equal(chat.updates()[0].text, 'A long answer, streamed in parts and ended.');

      chat.controller.handleMessage({ type: 'send', text: 'Q2' });
      await chat.script.stream(1);
      await until(
        () =>
          raw()
            .at(-1)
            ?.messages.some((m) => m.text === 'Q2') === true,
      );
      assert.deepEqual(
        raw()
          .at(-1)
          ?.messages.map((m) => m.text),
        ['Q2', ''],
      );
      assert.equal(chat.states().at(-1)?.messages[1].text, 'A long answer, streamed in parts and ended.');
    });
  });

  it('shows first a conversation still being looked up, once it is known, and nothing before', async () => {
    await withChat(async (chat) => {
      const stored = createConversation(1000);
      addUserMessage(stored, 'Shown last', 1000);
      await chat.store.save(stored);
      let found!: (id: string | undefined) => void;
      const lookup = new Promise<string | undefined>((resolve) => (found = resolve));
      const posted: HostToWebviewMessage[] = [];
      const { service, actions, log } = chat;
      const restored = new ChatController({
        service,
        actions,
        log,
        post: (m) => posted.push(m),
        conversationId: lookup,
      });
      restored.handleMessage({ type: 'ready' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(posted.length, 0, 'a state was posted before the conversation was known');
      found(stored.id);
      await until(() => posted.some((m) => m.type === 'state'));
      const state = posted.find((m) => m.type === 'state');
      assert.ok(state?.type === 'state');
      assert.equal(state.state.conversationId, stored.id);
      assert.deepEqual(
        state.state.messages.map((m) => m.text),
        ['Shown last'],
      );
      restored.dispose();
    });
  });
});
