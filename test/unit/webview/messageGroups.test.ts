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
      assert.deepEqual(
        groups.map((group) => [...group.children].map((m) => (m as HTMLElement).dataset.messageId)),
        Array.from({ length: Math.ceil(ids.length / GROUP_SIZE) }, (_, g) =>
          ids.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE).map((i) => `m${i}`),
        ),
      );
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
