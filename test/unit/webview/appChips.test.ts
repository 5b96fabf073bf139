// The composer's context chips and meter: chips render with their tokens or the reason they are not sent, a click
// opens or removes one through the host, and the meter adds the estimate of what is being typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContextView } from '../../../src/shared/contextView';
import { estimateTextTokens } from '../../../src/shared/tokenEstimate';
import { harness, state } from './appHarness';
import { withGlobalDom } from './dom';

const VIEW: ContextView = {
  conversationId: 'c1',
  chips: [
    { kind: 'instructions', label: 'Instructions', title: 'settings', tokens: 12 },
    { id: 'f1', kind: 'file', label: 'fibonacci.ts', title: 'src/fibonacci.ts', tokens: 1480 },
    { id: 'f2', kind: 'file', label: 'huge.log', title: 'huge.log', problem: 'Too large to send (900 KB).' },
  ],
  baseTokens: 3100,
  windowTokens: 8192,
};

test('context chips show each item’s tokens or why it is not sent, and post open and remove', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    h.send({ type: 'contextView', view: VIEW });
    const chips = h.findAll('context-item');
    assert.deepEqual(
      chips.map((chip) => chip.textContent),
      ['Instructions12 tokens', 'fibonacci.ts1.5k tokens', 'huge.lognot sentToo large to send (900 KB).'],
    );
    assert.equal(h.find('context-remove', chips[0]), null, 'the instructions cannot be removed');
    chips[1].querySelector('button')?.click();
    h.find('context-remove', chips[2])?.click();
    assert.deepEqual(h.posted.slice(-2), [
      { type: 'openContext', id: 'f1' },
      { type: 'removeContext', id: 'f2' },
    ]);
    h.find('add-context')?.click();
    assert.deepEqual(h.posted.at(-1), { type: 'addContext' });
  });
});

test('the meter adds the typed text’s estimate to the host’s figure as the user types', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    h.send({ type: 'contextView', view: VIEW });
    const meter = h.find('context-meter');
    assert.equal(meter?.textContent, '3.1k / 8k tokens');
    const input = h.find('input') as HTMLTextAreaElement;
    input.value = 'x'.repeat(2000);
    input.dispatchEvent(new window.Event('input'));
    assert.equal(estimateTextTokens(input.value), 504);
    assert.equal(meter?.textContent, '3.6k / 8k tokens');
    input.value = '';
    input.dispatchEvent(new window.Event('input'));
    assert.equal(meter?.textContent, '3.1k / 8k tokens');
  });
});

test('chips for another conversation than the one on screen are ignored', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([]) });
    h.send({ type: 'contextView', view: { ...VIEW, conversationId: 'other' } });
    assert.equal(h.findAll('context-item').length, 0);
  });
});
