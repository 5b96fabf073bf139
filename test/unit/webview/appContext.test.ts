// The chat webview app saying under a reply that earlier messages were not sent because of the context window.
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
