// Keyboard focus survives what the chat does on its own: a reply re-rendered when it finishes keeps a focused code
// button focused, and sending with the Send button leaves the focus in the input rather than on the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { click, harness, message, state } from './appHarness';
import { withGlobalDom } from './dom';

test('a focused code button stays focused when the reply is rendered again', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')], { streamingId: 'a1' }) });
    const text = 'Here:\n\n```js\nsort()\n```\n\nMore text';
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a1', text });
    h.paint();
    h.find('code-insert')?.focus();
    assert.equal(window.document.activeElement?.getAttribute('data-testid'), 'code-insert');
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', text) });
    const active = window.document.activeElement;
    assert.equal(active?.getAttribute('data-testid'), 'code-insert', `the focus is on ${active?.tagName}`);
    assert.ok(active?.isConnected);
  });
});

test('Send by its button leaves the focus in the input, not on the disabled button', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const input = h.find('input') as HTMLTextAreaElement;
    input.value = 'A question';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    const send = h.find('send');
    send?.focus();
    click(send);
    assert.deepEqual(h.posted, [{ type: 'send', text: 'A question' }]);
    assert.equal(window.document.activeElement, input);
  });
});
