// The chat webview app showing what a reply carries beside its answer: reasoning in a collapsed Thinking section,
// a reply cut at the token limit with Continue, and token usage in the reply's details.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statsRows } from '../../../src/webview-ui/format';
import { click, harness, message, state } from './appHarness';
import { withGlobalDom } from './dom';

const STATS = { protocol: 'openai-compatible', model: 'qwen3', durationMs: 2000, chunks: 10, chars: 400 };

test('reasoning streams into a collapsed Thinking section above the answer, which a button expands', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Why?'), message('a1', 'assistant', '', { status: 'streaming' })], {
        streamingId: 'a1',
      }),
    });
    const reply = h.findAll('message')[1];
    assert.equal(reply.querySelector('.reasoning'), null, 'a Thinking section before any reasoning');
    const reason = (text: string, conversationId = 'c1') =>
      h.send({ type: 'reasoningDelta', conversationId, messageId: 'a1', text });
    reason('Because ');
    reason('the sky\r');
    reason('not mine', 'other');
    const region = h.find('reasoning', reply);
    assert.equal(region?.textContent, '', 'nothing is rendered before the frame');
    h.paint();
    const section = reply.querySelector<HTMLElement>('.reasoning');
    assert.equal(section?.hidden, false);
    assert.equal(section?.nextElementSibling, h.find('message-body', reply), 'the section is not above the answer');
    // The carriage return waits for the next frame, where its line feed makes one line break with it.
    assert.equal(region?.textContent, 'Because the sky');
    reason('\nscatters *blue*.');
    h.paint();
    assert.equal(region?.textContent, 'Because the sky\nscatters *blue*.');
    const toggle = h.find('reasoning-toggle', reply);
    assert.equal(toggle?.tagName, 'BUTTON');
    assert.equal(toggle?.getAttribute('aria-expanded'), 'false');
    assert.equal(toggle?.getAttribute('aria-controls'), region?.id);
    assert.equal(region?.hidden, true);
    assert.equal(toggle?.textContent, 'Thinking…');
    const body = h.find('message-body', reply);
    assert.ok(region && body && region.compareDocumentPosition(body) & window.Node.DOCUMENT_POSITION_FOLLOWING);

    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text: 'Rayleigh scattering.' });
    h.paint();
    assert.equal(body?.textContent?.trim(), 'Rayleigh scattering.');
    click(toggle);
    assert.equal(toggle?.getAttribute('aria-expanded'), 'true');
    assert.equal(region?.hidden, false);

    const reasoning = { text: 'Because the sky\nscatters *blue*.', durationMs: 3240 };
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a1', 'assistant', 'Rayleigh scattering.', { reasoning, stats: STATS }),
    });
    assert.equal(toggle?.textContent, 'Thinking · 3.2 s');
    assert.equal(h.find('reasoning-duration', reply)?.textContent, ' · 3.2 s');
    assert.equal(toggle?.getAttribute('aria-expanded'), 'true', 'the section stays open when the reply settles');
    assert.equal(region?.textContent, reasoning.text);
    assert.equal(region?.querySelector('em'), null, 'the reasoning is plain text');
    assert.doesNotMatch(body?.textContent ?? '', /sky/);
    click(toggle);
    assert.equal(region?.hidden, true);
  });
});

test('a stored reply shows its reasoning collapsed, and Copy and Insert act on the answer’s code only', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const reasoning = { text: 'Try:\n```py\nscratch()\n```', durationMs: 800 };
    h.send({
      type: 'state',
      state: state([
        message('u1', 'user', 'Code?'),
        message('a1', 'assistant', '```js\nanswer();\n```', { reasoning }),
      ]),
    });
    const reply = h.findAll('message')[1];
    assert.equal(h.find('reasoning-toggle', reply)?.getAttribute('aria-expanded'), 'false');
    assert.equal(h.find('reasoning-toggle', reply)?.textContent, 'Thinking · 800 ms');
    assert.equal(h.find('reasoning', reply)?.textContent, reasoning.text);
    assert.equal(h.findAll('code-block').length, 1);
    assert.equal(h.find('code-block', h.find('reasoning', reply) ?? undefined), null);
    click(h.find('code-copy'));
    click(h.find('code-insert'));
    assert.deepEqual(h.posted, [
      { type: 'copyCode', code: 'answer();\n' },
      { type: 'insertCode', code: 'answer();\n' },
    ]);
    h.send({ type: 'state', state: state([message('a2', 'assistant', 'No reasoning here')]) });
    assert.equal(h.root.querySelector('.reasoning'), null);
  });
});

test('a reply cut at the token limit says so and offers Continue; a finished one does neither', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const cut = message('a1', 'assistant', 'Mercury, Venus,', { stats: { ...STATS, finishReason: 'length' } });
    h.send({ type: 'state', state: state([message('u1', 'user', 'Planets?'), cut]) });
    assert.match(h.find('notice')?.textContent ?? '', /cut off at the server’s token limit/);
    assert.ok(h.find('regenerate'));
    click(h.find('continue'));
    assert.deepEqual(h.posted, [{ type: 'continue' }]);

    const finished = { ...cut, text: 'Mercury, Venus, Earth.', stats: { ...STATS, finishReason: 'stop' } };
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: finished });
    assert.equal(h.find('notice'), null);
    assert.equal(h.find('continue'), null);
  });
});

test('details show the prompt and completion tokens and tokens per second when the server reported usage', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const stats = { ...STATS, promptTokens: 120, completionTokens: 300, finishReason: 'stop' };
    h.send({ type: 'state', state: state([message('a1', 'assistant', 'Done', { stats })]) });
    click(h.find('details-toggle'));
    assert.match(
      h.find('details')?.textContent ?? '',
      /Speed200 chars\/sPrompt tokens120Completion tokens300Tokens per second150\.0Finish reasonstop/,
    );
  });
  assert.deepEqual(
    statsRows(STATS).filter(([label]) => /token|Finish/i.test(label)),
    [],
    'usage rows without usage',
  );
  assert.deepEqual(statsRows({ ...STATS, durationMs: 0, promptTokens: 1, completionTokens: 2 }).slice(-2), [
    ['Prompt tokens', '1'],
    ['Completion tokens', '2'],
  ]);
});

test('reasoning for a reply not on screen yet creates it, streaming', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')]) });
    h.send({ type: 'reasoningDelta', conversationId: 'c1', messageId: 'a9', text: 'Hmm.' });
    h.paint();
    const reply = h.findAll('message')[1];
    assert.deepEqual([reply?.dataset.role, reply?.dataset.status], ['assistant', 'streaming']);
    assert.equal(h.find('reasoning', reply)?.textContent, 'Hmm.');
    assert.equal(h.find('message-body', reply)?.textContent, '');
    assert.equal(h.find('stop')?.hidden, false);
  });
});
