// The message list keeps its messages in groups of 20, in the conversation's order, whatever a state adds or removes;
// the empty state and the scroll anchor stay after them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GROUP_SIZE } from '../../../src/webview-ui/view/messageGroups';
import { harness, message, state } from './appHarness';
import { withGlobalDom } from './dom';

const messages = (ids: number[]) =>
  ids.map((i) => message(`m${i}`, i % 2 === 0 ? 'user' : 'assistant', `Message ${i}`));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test('messages stay in order in groups of 20 as states add and remove them, and the groups follow', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const list = h.find('message-list')!;
    const check = (ids: number[]) => {
      const groups = [...list.children].filter((child) => child.classList.contains('message-group'));
      const inGroups = groups.map((group) => [...group.children].map((m) => (m as HTMLElement).dataset.messageId));
      assert.deepEqual(
        inGroups.flat(),
        ids.map((i) => `m${i}`),
      );
      assert.ok(
        inGroups.every((group) => group.length > 0 && group.length <= GROUP_SIZE),
        'groups of 1 to 20',
      );
      assert.ok(groups.length <= Math.ceil(ids.length / GROUP_SIZE) + 1, 'no more groups than the messages fill');
      const rest = [...list.children].slice(groups.length).map((child) => child.className);
      assert.deepEqual(rest, ['empty-state', 'scroll-anchor']);
    };
    h.send({ type: 'state', state: state(messages(range(0, 45))) });
    check(range(0, 45));
    const without = [...range(0, 5), ...range(6, 45)];
    h.send({ type: 'state', state: state(messages(without)) });
    check(without);
    const more = [...without, 45, 46];
    h.send({ type: 'state', state: state(messages(more)) });
    check(more);
    // Another window's message merged in by its time may come before ones shown already.
    const reordered = [more[1], more[0], ...more.slice(2)];
    h.send({ type: 'state', state: state(messages(reordered)) });
    check(reordered);
    h.send({ type: 'state', state: state(messages(range(0, 3))) });
    check(range(0, 3));
    h.send({ type: 'state', state: state(messages(range(0, 2)), { conversationId: 'c2' }) });
    check(range(0, 2));
  });
});

test('messages that come before the first shown go in groups of their own, and the others stay in theirs', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const list = h.find('message-list')!;
    const groupOf = (id: number) => list.querySelector(`[data-message-id="m${id}"]`)?.parentElement;
    h.send({ type: 'state', state: state(messages(range(100, 145)), { earlier: 100 }) });
    const before = range(100, 145).map(groupOf);
    // The page before them, as the host posts it: the changed messages, with the order of all.
    const page = messages(range(73, 100));
    const order = range(73, 145).map((i) => `m${i}`);
    h.send({ type: 'state', state: state(page, { order, earlier: 73 }) });
    assert.ok(
      range(100, 145).every((id, i) => groupOf(id) === before[i]),
      'the messages shown before keep their groups',
    );
    const all = [...list.querySelectorAll('[data-testid="message"]')].map((m) => (m as HTMLElement).dataset.messageId);
    assert.deepEqual(all, order);
  });
});
