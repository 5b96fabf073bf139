// Context chips on the chat side: pinned items go after the instructions in the one system message, read when each
// request is made and only then, are never left out by the window, refuse a request they cannot fit into, and show
// why an item is not sent; the chips and the meter's figures come from the same reading.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatService } from '../../../src/chat/chatService';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../src/chat/contextBudget';
import type { ContextItem, ContextReader, NewContextItem } from '../../../src/chat/contextItems';
import { exchange, withService } from './serviceHarness';

const FILE: NewContextItem = { kind: 'file', uri: 'file:///w/a.ts', path: 'src/a.ts' };
const SELECTION: NewContextItem = {
  ...{ kind: 'selection', uri: 'file:///w/b.py', path: 'b.py', languageId: 'python' },
  ...{ startLine: 3, endLine: 4, text: 'x = 1\ny = 2' },
};

async function pin(service: ChatService, id: string, ...items: NewContextItem[]): Promise<ContextItem[]> {
  await service.changeContext(id, (pinned) => [...pinned, ...items.map((item, i) => ({ ...item, id: `i${i}` }))]);
  return (await service.open(id)).context ?? [];
}

const ofTokens = (tokens: number) => 'x'.repeat((tokens - MESSAGE_OVERHEAD_TOKENS) * 4);

describe('ChatService with context chips', () => {
  it('sends each pinned item once, after the instructions and ahead of the history, read at every send', async () => {
    let content = 'export const a = 1;';
    const read: string[] = [];
    const reader: ContextReader = async (item) => (read.push(item.uri), { text: content, languageId: 'typescript' });
    await withService({ settings: { systemPrompt: 'Be brief.' }, readContext: reader }, async (service, script) => {
      const id = service.newConversation().id;
      await pin(service, id, FILE, SELECTION);
      const first = await exchange(service, script, id, 'What is a?', 'One.');
      const file = (text: string) => `File: src/a.ts (typescript)\n\n\`\`\`typescript\n${text}\n\`\`\``;
      const selection = 'File: b.py (lines 3-4) (python)\n\n```python\nx = 1\ny = 2\n```';
      assert.deepEqual(first.messages, [
        {
          role: 'system',
          content: `Be brief.\n\nContext the user added:\n\n${file('export const a = 1;')}\n\n${selection}`,
        },
        { role: 'user', content: 'What is a?' },
      ]);
      content = 'export const a = 2;';
      const second = await exchange(service, script, id, 'And now?', 'Two.');
      assert.ok(second.messages[0].content.includes(file('export const a = 2;')), 'the file was read again');
      assert.equal(second.messages.filter((m) => m.content.includes('export const a')).length, 1);
      assert.deepEqual(
        second.messages.slice(1).map((m) => m.content),
        ['What is a?', 'One.', 'And now?'],
      );
      // Only the pinned file, once per request (the selection carries its own text).
      assert.deepEqual(read, ['file:///w/a.ts', 'file:///w/a.ts']);
    });
  });

  it('never leaves pinned context out: the oldest turns go first', async () => {
    const reader: ContextReader = async () => ({ text: ofTokens(200) });
    // 1000 tokens leave 488 for the prompt: the ~210-token context, a 150-token turn and the question fit, not two.
    await withService({ settings: { contextWindowTokens: 1000 }, readContext: reader }, async (service, script) => {
      const id = service.newConversation().id;
      await pin(service, id, FILE);
      await exchange(service, script, id, ofTokens(75), ofTokens(75));
      await exchange(service, script, id, ofTokens(75), ofTokens(75));
      const third = await exchange(service, script, id, 'Last?', 'Yes.');
      assert.equal(third.messages[0].role, 'system');
      assert.ok(third.messages[0].content.includes(ofTokens(200)), 'the context went');
      assert.equal(third.messages.length, 4, 'the context, the newest turn and the question');
      assert.deepEqual((await service.open(id)).messages[5].dropped, { messages: 2, windowTokens: 1000 });
    });
  });

  it('refuses a request whose context does not fit, saying why, and keeps the question', async () => {
    const reader: ContextReader = async () => ({ text: ofTokens(600) });
    await withService({ settings: { contextWindowTokens: 1000 }, readContext: reader }, async (service, script) => {
      const id = service.newConversation().id;
      await pin(service, id, FILE);
      await service.send(id, 'Why?');
      assert.equal(script.streams.length, 0, 'a request was sent');
      const [asked, reply] = (await service.open(id)).messages;
      assert.equal(asked.text, 'Why?');
      assert.equal(reply.error?.kind, 'config');
      assert.match(reply.error?.message ?? '', /^Not sent: the instructions, the context and your message need about/);
      assert.match(reply.error?.message ?? '', /Remove context/);
    });
  });

  it('sends the rest when an item cannot be read, and its chip says why', async () => {
    const reader: ContextReader = async (item) =>
      item.path === 'big.bin' ? { problem: 'A binary file: not sent.' } : { text: 'ok' };
    await withService({ settings: {}, readContext: reader }, async (service, script) => {
      const id = service.newConversation().id;
      await pin(service, id, { ...FILE, uri: 'file:///w/big.bin', path: 'big.bin' }, FILE);
      const sent = await exchange(service, script, id, 'Hi', 'Hello');
      assert.ok(!sent.messages[0].content.includes('big.bin'));
      assert.ok(sent.messages[0].content.includes('File: src/a.ts'));
      const view = await service.contextView(await service.open(id));
      assert.deepEqual(
        view?.chips.map(({ label, problem, tokens }) => [label, problem, tokens === undefined]),
        [
          ['big.bin', 'A binary file: not sent.', true],
          ['a.ts', undefined, false],
        ],
      );
    });
  });

  it('gives the meter the instructions, the chips and the history, and an instructions chip', async () => {
    const reader: ContextReader = async () => ({ text: 'abcd' });
    await withService(
      { settings: { systemPrompt: 'Be brief.', contextWindowTokens: 4000 }, readContext: reader },
      async (service, script) => {
        const id = service.newConversation().id;
        await pin(service, id, FILE);
        await exchange(service, script, id, 'Hi', 'Hello');
        const view = await service.contextView(await service.open(id));
        const pinned = 'Be brief.\n\nContext the user added:\n\nFile: src/a.ts ()\n\n```\nabcd\n```';
        const estimate = (text: string) => Math.ceil(text.length / 4) + MESSAGE_OVERHEAD_TOKENS;
        assert.equal(view?.baseTokens, estimate(pinned) + estimate('Hi') + estimate('Hello'));
        assert.equal(view?.windowTokens, 4000);
        assert.deepEqual(view?.chips[0], {
          kind: 'instructions',
          label: 'Instructions',
          title: view?.chips[0].title,
          tokens: 7,
        });
      },
    );
  });

  it('removes an item by id, which is then no longer sent', async () => {
    await withService({ readContext: async () => ({ text: 'ok' }) }, async (service, script) => {
      const id = service.newConversation().id;
      const [item] = await pin(service, id, FILE);
      await service.changeContext(id, (pinned) => pinned.filter((p) => p.id !== item.id));
      const sent = await exchange(service, script, id, 'Hi', 'Hello');
      assert.deepEqual(sent.messages, [{ role: 'user', content: 'Hi' }]);
    });
  });
});
