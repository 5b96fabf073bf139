// The chat webview app saying under a reply that earlier messages were not sent because of the context window, and
// that the server probably cut the prompt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, message, state } from './appHarness';
import { withGlobalDom } from './dom';

test('a reply whose request left out earlier messages says how many, beside its other notices', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const dropped = { messages: 4, windowTokens: 600 };
    h.send({
      type: 'state',
      state: state([
        message('u1', 'user', 'Why?'),
        message('a1', 'assistant', 'Because.'),
        message('u2', 'user', 'And?'),
        message('a2', 'assistant', 'So.', { dropped, status: 'stopped' }),
      ]),
    });
    const [first, second] = h.findAll('message').filter((m) => m.dataset.role === 'assistant');
    assert.equal(h.find('notice', first), null);
    assert.deepEqual(
      [...second.querySelectorAll('[data-testid="notice"]')].map((n) => n.textContent),
      [
        '4 earlier messages were not sent: they did not fit the 600-token context window.',
        'Stopped. The partial reply is kept.',
      ],
    );
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a2', 'assistant', 'So.', { dropped: { messages: 1, windowTokens: 8192 } }),
    });
    assert.equal(
      h.find('notice', second)?.textContent,
      '1 earlier message was not sent: it did not fit the 8192-token context window.',
    );
  });
});

test('a reply whose prompt the server counted short says it was probably cut, and how to avoid it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const promptCut = { sentTokens: 5312, countedTokens: 1024 };
    const dropped = { messages: 2, windowTokens: 8192 };
    h.send({
      type: 'state',
      state: state([message('u1', 'user', 'Why?'), message('a1', 'assistant', 'So.', { promptCut, dropped })]),
    });
    const reply = h.findAll('message').find((m) => m.dataset.role === 'assistant');
    assert.deepEqual(
      [...(reply?.querySelectorAll('[data-testid="notice"]') ?? [])].map((n) => n.textContent),
      [
        '2 earlier messages were not sent: they did not fit the 8192-token context window.',
        'The server counted 1,024 prompt tokens of about 5,300 sent: it probably cut the prompt to its context ' +
          'size. Raise the server’s context size (Ollama: num_ctx) or lower vitalentum.contextWindowTokens.',
      ],
    );
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', 'So.') });
    assert.equal(h.find('notice', reply), null);
  });
});
