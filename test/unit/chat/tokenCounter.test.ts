// Counting with the model's tokenizer where one fits it: which models get which encoding, what a request and the meter
// count with it (text the estimate gets badly wrong), the loader's fallback, and that long texts are counted once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { countedMessageTokens, encodingFor, estimateMessageTokens } from '../../../src/chat/tokenCounter';
import { addReply, addUserMessage, createConversation } from '../../../src/chat/conversation';
import { describeContext, preparePrompt } from '../../../src/chat/promptPreparation';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { tokenizerLoader } from '../../../src/host/tokenizers';
import { MESSAGE_OVERHEAD_TOKENS } from '../../../src/shared/tokenEstimate';
import { RecordingLog } from './helpers';

const o200k = countedMessageTokens((text) => countTokens(text));
// Chinese text is about one token per character: a quarter of that, as the estimate says, would overflow the window.
const CHINESE = '斐波那契数列是一个递归定义的数列。'.repeat(40);

describe('tokenizer per model', () => {
  it('maps OpenAI models to their encodings and leaves every other model to the estimate', () => {
    const cases: [string | undefined, string | undefined][] = [
      ['gpt-4o-mini', 'o200k_base'],
      ['openai/gpt-4.1', 'o200k_base'],
      ['o3-mini', 'o200k_base'],
      ['gpt-5', 'o200k_base'],
      ['gpt-4-turbo', 'cl100k_base'],
      ['gpt-3.5-turbo', 'cl100k_base'],
      ['llama3.2:3b', undefined],
      ['qwen2.5-coder', undefined],
      ['o1x', undefined],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [model, encoding] of cases) assert.equal(encodingFor(model), encoding, String(model));
  });

  it('counts a request for an OpenAI model with its tokenizer, and estimates for others', async () => {
    for (const [model, expected] of [
      ['gpt-4o', countTokens(CHINESE) + MESSAGE_OVERHEAD_TOKENS],
      ['llama3', estimateMessageTokens(CHINESE)],
    ] as const) {
      const asked: string[] = [];
      const settings = {
        ...DEFAULT_SETTINGS,
        protocol: 'openai-compatible' as const,
        model,
        contextWindowTokens: 4096,
      };
      const prepared = await preparePrompt(
        {
          requestConfig: async () => ({ settings, strictSSL: true }),
          tokenizer: async (encoding) => (asked.push(encoding), o200k),
        },
        [{ role: 'user', content: CHINESE }],
      );
      assert.equal(prepared.ready && prepared.promptTokens, expected, model);
      assert.deepEqual(asked, model === 'gpt-4o' ? ['o200k_base'] : [], model);
    }
    assert.ok(countTokens(CHINESE) > 2 * estimateMessageTokens(CHINESE), 'the estimate is not far off here');
  });

  it('counts the meter and the chips for an OpenAI model with its tokenizer, and estimates them for others', async () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, CHINESE, 2);
    const where = { id: 's1', uri: 'file:///w/a.md', path: 'a.md', languageId: 'markdown' };
    conversation.context = [{ ...where, kind: 'selection', startLine: 1, endLine: 1, text: CHINESE }];
    for (const [model, tokens] of [
      ['gpt-4o', o200k],
      ['llama3', estimateMessageTokens],
    ] as const) {
      const settings = { ...DEFAULT_SETTINGS, protocol: 'openai-compatible' as const, model, systemPrompt: CHINESE };
      const view = await describeContext(
        { requestConfig: async () => ({ settings, strictSSL: true }), tokenizer: async () => o200k },
        conversation,
      );
      const block = 'File: a.md (line 1) (markdown)\n\n```markdown\n' + CHINESE + '\n```';
      assert.equal(view?.chips[0].tokens, tokens(CHINESE), `${model}: the instructions chip`);
      assert.equal(view?.chips[1].tokens, tokens(block), `${model}: the selection chip`);
      const pinned = `${CHINESE}\n\nContext the user added:\n\n${block}`;
      assert.equal(view?.baseTokens, tokens(pinned) + tokens(CHINESE), `${model}: the meter`);
    }
  });

  it('leaves a reply without text out of the meter, as the request leaves it out', async () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'The first question', 2);
    addReply(conversation, 3);
    addUserMessage(conversation, 'The second question', 4);
    const settings = { ...DEFAULT_SETTINGS, systemPrompt: '' };
    const view = await describeContext({ requestConfig: async () => ({ settings, strictSSL: true }) }, conversation);
    const expected = estimateMessageTokens('The first question') + estimateMessageTokens('The second question');
    assert.equal(view?.baseTokens, expected);
  });

  it('keeps the estimate when an encoding cannot be loaded, and says so in the log once', async () => {
    const log = new RecordingLog();
    const load = tokenizerLoader('/nonexistent/tokenizers', log);
    assert.equal(await load('o200k_base'), undefined);
    assert.equal(await load('o200k_base'), undefined);
    assert.equal(log.at('warn').length, 1);
    assert.match(log.at('warn')[0], /o200k_base tokenizer could not be loaded, so prompts are estimated/);
  });

  it('counts a long text once, however often the history is counted', () => {
    let counted = 0;
    const tokens = countedMessageTokens((text) => (counted++, text.length));
    const long = 'x'.repeat(1000);
    assert.equal(tokens(long), 1000 + MESSAGE_OVERHEAD_TOKENS);
    assert.equal(tokens(long), 1000 + MESSAGE_OVERHEAD_TOKENS);
    tokens('short');
    tokens('short');
    assert.equal(counted, 3);
  });
});
