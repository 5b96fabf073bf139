// What ChatService sends under instructions and a context window: the instructions first, read at every send; the
// oldest turns left out and said so on the reply; a question that cannot fit refused with the reason and kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOptions } from '../../../src/config/requestOptions';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../src/chat/contextBudget';
import { joinInstructions } from '../../../src/chat/promptPreparation';
import { exchange, withService } from './serviceHarness';

/** A text of `tokens` estimated tokens as one message. */
const ofTokens = (tokens: number) => 'x'.repeat((tokens - MESSAGE_OVERHEAD_TOKENS) * 4);

describe('ChatService with instructions and a context window', () => {
  it('joins the system prompt and the workspace file, in that order, leaving out blank ones', () => {
    assert.equal(joinInstructions(' Be brief. ', '\nUse TypeScript.\n'), 'Be brief.\n\nUse TypeScript.');
    assert.equal(joinInstructions('', 'Use TypeScript.'), 'Use TypeScript.');
    assert.equal(joinInstructions('  ', undefined), '');
  });

  it('sends the instructions first, as a system message, read again at every send', async () => {
    let file = 'Use TypeScript.';
    await withService(
      { settings: { systemPrompt: 'Be brief.' }, workspace: async () => file },
      async (service, script) => {
        const id = service.newConversation().id;
        const first = await exchange(service, script, id, 'Hi', 'Hello');
        assert.deepEqual(first.messages, [
          { role: 'system', content: 'Be brief.\n\nUse TypeScript.' },
          { role: 'user', content: 'Hi' },
        ]);
        file = 'Use Rust.';
        const second = await exchange(service, script, id, 'Why?', 'Because');
        assert.deepEqual(second.messages[0], { role: 'system', content: 'Be brief.\n\nUse Rust.' });
        assert.deepEqual(second.messages.slice(1), [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Why?' },
        ]);
      },
    );
  });

  it('leaves out the oldest turns, keeps the question and marks the reply with what was left out', async () => {
    // 1000 tokens leave 488 for the prompt: the question and one 300-token turn fit, not two.
    await withService({ settings: { contextWindowTokens: 1000 } }, async (service, script) => {
      const id = service.newConversation().id;
      await exchange(service, script, id, ofTokens(150), ofTokens(150));
      const second = await exchange(service, script, id, ofTokens(150), ofTokens(150));
      assert.equal(second.messages.length, 3, 'the first turn fits beside the second question');
      assert.equal((await service.open(id)).messages[3].dropped, undefined);
      const third = await exchange(service, script, id, 'And now?', 'Now.');
      const conversation = await service.open(id);
      assert.deepEqual(
        third.messages.map((m) => m.content),
        conversation.messages.slice(2, 5).map((m) => m.text),
      );
      assert.equal(third.messages.at(-1)?.content, 'And now?');
      assert.deepEqual(conversation.messages[5].dropped, { messages: 2, windowTokens: 1000 });
    });
  });

  it('marks the reply when the server counted under half the prompt, and clears the mark on the next request', async () => {
    await withService({}, async (service, script) => {
      const id = service.newConversation().id;
      const question = ofTokens(500);
      const sent = service.send(id, question);
      (await script.stream(0)).push('Cut.', { end: 'done', usage: { promptTokens: 42, completionTokens: 2 } });
      await sent;
      assert.deepEqual((await service.open(id)).messages[1].promptCut, { sentTokens: 500, countedTokens: 42 });
      assert.equal((await service.open(id)).messages[1].stats?.promptTokens, 42);

      const again = service.replyAgain(id);
      (await script.stream(1)).push('Whole.', { end: 'done', usage: { promptTokens: 450, completionTokens: 2 } });
      await again;
      const reply = (await service.open(id)).messages[1];
      assert.equal(reply.text, 'Whole.');
      assert.equal(reply.promptCut, undefined);

      const third = service.replyAgain(id);
      (await script.stream(2)).push('Cut again.', { end: 'done', usage: { promptTokens: 10, completionTokens: 2 } });
      await third;
      assert.equal((await service.open(id)).messages[1].promptCut?.countedTokens, 10);
      const fourth = service.replyAgain(id);
      (await script.stream(3)).push('No usage.', { end: 'done' });
      await fourth;
      assert.equal((await service.open(id)).messages[1].promptCut, undefined);
    });
  });

  it('asks the server for the window when the setting is 0, and assumes 8192 when it does not say', async () => {
    const asked: RequestOptions[] = [];
    const long = ofTokens(3000);
    const lengths = [2048, undefined];
    await withService(
      { contextLength: async (request) => (asked.push(request), lengths.shift()) },
      async (service, script) => {
        const id = service.newConversation().id;
        await service.send(id, long);
        // A 2048-token window cannot take a 3000-token question.
        assert.equal((await service.open(id)).messages[1].error?.kind, 'config');
        const again = await exchange(service, script, id, long, 'ok');
        assert.equal(again.messages.at(-1)?.content, long);
        assert.equal(asked.length, 2);
      },
    );
  });

  it('refuses a question that does not fit even alone, saying why, and keeps it in the conversation', async () => {
    await withService(
      { settings: { contextWindowTokens: 1000, systemPrompt: ofTokens(300) } },
      async (service, script) => {
        const id = service.newConversation().id;
        const question = ofTokens(300);
        await service.send(id, question);
        assert.equal(script.streams.length, 0, 'a request was sent');
        const [asked, reply] = (await service.open(id)).messages;
        assert.equal(asked.text, question);
        assert.equal(reply.status, 'error');
        assert.equal(reply.error?.kind, 'config');
        assert.equal(reply.error?.action, 'openSettings');
        assert.match(reply.error?.message ?? '', /about 600 tokens.*1000-token context window leaves 488/);
        assert.match(reply.error?.message ?? '', /vitalentum\.contextWindowTokens/);
      },
    );
  });

  it('refuses to send when the workspace instructions cannot be read', async () => {
    const workspace = async () => Promise.reject(new Error('EISDIR'));
    await withService({ workspace }, async (service, script) => {
      const id = service.newConversation().id;
      await service.send(id, 'Hi');
      assert.equal(script.streams.length, 0);
      const reply = (await service.open(id)).messages[1];
      assert.match(reply.error?.message ?? '', /instructions could not be read: EISDIR/);
    });
  });
});
