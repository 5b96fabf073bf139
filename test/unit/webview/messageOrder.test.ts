// How the webview puts together the messages of a state of changes: those that keep their places, then the order the
// state gives, each message in its newest form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stateMessages } from '../../../src/webview-ui/view/messageOrder';
import { message, state } from './appHarness';

const shown = [message('q1', 'user', 'Q1'), message('a1', 'assistant', 'A1'), message('q2', 'user', 'Q2')];

test('a whole state is taken as it is', () => {
  const messages = [message('x', 'user', 'X')];
  assert.deepEqual(stateMessages(shown, state(messages)), messages);
});

test('the messages that keep their places come first, in their newest form, then the order given', () => {
  const edited = message('a1', 'assistant', 'A1, edited');
  const reply = message('a2', 'assistant', 'A2');
  const result = stateMessages(shown, state([edited, reply], { orderKept: 2, order: ['a2', 'q2'] }));
  assert.deepEqual(result, [shown[0], edited, reply, shown[2]]);
  assert.equal(result[0], shown[0]);
});

test('without messages that keep their places, the order names them all', () => {
  const result = stateMessages(shown, state([], { order: ['q2', 'q1'] }));
  assert.deepEqual(result, [shown[2], shown[0]]);
});

test('a message posted with textFrom is joined to the text held for it; holding less than it follows fails', () => {
  const reply = message('a2', 'assistant', ' on', { status: 'streaming' });
  const posted = state([shown[0], reply], { textFrom: { a2: 8 } });
  const held = new Map([['a2', 'Streamed and more the state does not follow']]);
  const joined = [shown[0], { ...reply, text: 'Streamed on' }];
  assert.deepEqual(
    stateMessages(shown, posted, (id) => held.get(id)),
    joined,
  );
  held.set('a2', 'Stream');
  assert.equal(
    stateMessages(shown, posted, (id) => held.get(id)),
    undefined,
  );
});
