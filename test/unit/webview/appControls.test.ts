// The chat webview app's controls: the composer and its limits, links and code buttons, the history list, and
// deltas that belong elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MESSAGE_LENGTH } from '../../../src/shared/messages';
import { click, harness, message, press, state } from './appHarness';
import { withGlobalDom } from './dom';

test('Enter sends, Shift+Enter does not, and the draft is kept across reloads', () => {
  withGlobalDom((window) => {
    const h = harness(window, { draft: 'unsent words', conversationId: 'c1' });
    const input = h.find('input') as HTMLTextAreaElement;
    assert.equal(input.value, 'unsent words');
    h.send({ type: 'state', state: state([]) });
    assert.match(h.find('empty-state')?.textContent ?? '', /Ask a question/);
    input.value = 'Explain this';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    assert.equal(h.saved.at(-1)?.draft, 'Explain this');
    press(window, input, 'Enter', true);
    assert.equal(h.posted.length, 0);
    press(window, input, 'Enter');
    assert.deepEqual(h.posted, [{ type: 'send', text: 'Explain this' }]);
    assert.equal(input.value, '');
    assert.equal(h.saved.at(-1)?.draft, '');
    input.value = 'By the button';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    click(h.find('send'));
    assert.deepEqual(h.posted.slice(1), [{ type: 'send', text: 'By the button' }]);

    h.send({ type: 'setInput', text: 'edited question' });
    assert.equal(input.value, 'edited question');
    assert.equal(window.document.activeElement, input);
  });
});

test('a message over the host limit is refused with a reason and stays in the box', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const input = h.find('input') as HTMLTextAreaElement;
    const tooLong = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    input.value = tooLong;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    press(window, input, 'Enter');
    assert.equal(h.posted.length, 0);
    assert.equal(input.value, tooLong);
    const problem = h.find('composer-problem');
    assert.equal(problem?.hidden, false);
    assert.match(problem?.textContent ?? '', /1,000,001 characters; the limit is 1,000,000/);
    input.value = 'short';
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    assert.equal(problem?.hidden, true);
    press(window, input, 'Enter');
    assert.deepEqual(h.posted, [{ type: 'send', text: 'short' }]);
  });
});

test('links go to the host instead of navigating, and code buttons send the code', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({
      type: 'state',
      state: state([
        message('a1', 'assistant', 'See [docs](https://example.com/x)\n\n```py title="a b.py"\nprint("<hi>")\n```'),
      ]),
    });
    const link = h.root.querySelector('a');
    assert.ok(link);
    const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    assert.equal(event.defaultPrevented, true);
    click(h.find('code-copy'));
    click(h.find('code-insert'));
    click(h.find('code-apply'));
    assert.deepEqual(h.posted, [
      { type: 'openLink', href: 'https://example.com/x' },
      { type: 'copyCode', code: 'print("<hi>")\n' },
      { type: 'insertCode', code: 'print("<hi>")\n' },
      // Apply carries the whole info string (quotes and all) and the reply's id.
      { type: 'applyCode', code: 'print("<hi>")\n', info: 'py title="a b.py"' },
    ]);
  });
});

test('history opens from the header, reopens or deletes a chat, and Escape closes it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    const panel = h.find('history-panel');
    assert.equal(panel?.hidden, true);
    click(h.find('history'));
    assert.equal(panel?.hidden, false);
    assert.equal(h.find('history')?.getAttribute('aria-expanded'), 'true');
    const items = h.findAll('history-item');
    assert.deepEqual(
      items.map((i) => i.dataset.conversationId),
      ['c1', 'c0'],
    );
    assert.equal(h.find('history-open', items[0])?.getAttribute('aria-current'), 'true');
    click(h.find('history-open', items[1]));
    click(h.find('history-delete', items[1]));
    assert.deepEqual(h.posted, [
      { type: 'openConversation', id: 'c0' },
      { type: 'deleteConversation', id: 'c0' },
    ]);
    press(window, h.find('history-open', items[0]), 'Escape');
    assert.equal(panel?.hidden, true);
    assert.equal(window.document.activeElement, h.find('history'));
  });
});

test('deltas for another conversation are ignored; a delta for a new reply creates it', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')]) });
    h.send({ type: 'delta', conversationId: 'other', messageId: 'x', text: 'nope' });
    h.send({ type: 'delta', conversationId: 'c1', messageId: 'a9', text: 'Hello' });
    h.paint();
    const items = h.findAll('message');
    assert.deepEqual(
      items.map((m) => [m.dataset.role, m.dataset.status]),
      [
        ['user', 'complete'],
        ['assistant', 'streaming'],
      ],
    );
    assert.equal(h.find('message-body', items[1])?.textContent?.trim(), 'Hello');
  });
});
