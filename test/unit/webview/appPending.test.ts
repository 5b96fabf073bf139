// The question just sent shows at once, before the host's state does, and the state takes its place; a question the
// host refuses is taken back and its text put back in the composer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Harness, harness, message, press, state } from './appHarness';
import { type TestWindow, withGlobalDom, withGlobalDomAsync } from './dom';

const earlier = [message('q1', 'user', 'First question'), message('r1', 'assistant', 'First answer')];

function texts(h: Harness): string[] {
  return h
    .findAll('message')
    .map((element) => (element.querySelector('[data-testid="message-body"]')?.textContent ?? '').trim());
}

/** Lets the page's promises settle, as the browser does before its next task. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function ask(window: TestWindow, h: Harness, text: string): void {
  const input = h.find('input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new window.Event('input', { bubbles: true }));
  press(window, input, 'Enter');
}

test('a sent question shows at once, and the host state that lists it leaves one copy', () => {
  withGlobalDom((window) => {
    const h = harness(window, { draft: '', conversationId: 'c1' });
    h.send({ type: 'state', state: state(earlier) });
    ask(window, h, 'Second question');
    assert.deepEqual(h.posted, [{ type: 'send', text: 'Second question' }]);
    assert.deepEqual(texts(h), ['First question', 'First answer', 'Second question']);
    assert.equal(h.findAll('message').at(-1)?.getAttribute('data-role'), 'user');
    // The host's answer to the question: only what changed, after the two messages the view already had.
    const question = message('q2', 'user', 'Second question');
    const reply = message('r2', 'assistant', '', { status: 'streaming' });
    h.send({ type: 'state', state: state([question, reply], { order: ['q2', 'r2'], orderKept: 2 }) });
    assert.deepEqual(texts(h), ['First question', 'First answer', 'Second question', '']);
    assert.deepEqual(
      h.findAll('message').map((element) => element.getAttribute('data-message-id')),
      ['q1', 'r1', 'q2', 'r2'],
    );
    // A whole state (a view rebuilt) lists every message; the copy is gone from it too.
    const answered = [...earlier, question, { ...reply, status: 'complete' as const, text: 'ok' }];
    h.send({ type: 'state', state: state(answered) });
    ask(window, h, 'Third question');
    assert.deepEqual(texts(h).slice(3), ['ok', 'Third question']);
    h.send({ type: 'state', state: state([...answered, message('q3', 'user', 'Third question')]) });
    assert.deepEqual(texts(h).slice(3), ['ok', 'Third question']);
  });
});

test('a question the host refuses is taken back, and its text goes back into an empty composer only', async () => {
  await withGlobalDomAsync(async (window) => {
    const h = harness(window, { draft: '', conversationId: 'c1' });
    h.send({ type: 'state', state: state(earlier) });
    const input = h.find('input') as HTMLTextAreaElement;
    ask(window, h, 'Refused question');
    assert.equal(input.value, '');
    h.send({ type: 'reply', requestId: h.requestIds[0] ?? 0, error: 'The conversation could not be read.' });
    await settled();
    assert.deepEqual(texts(h), ['First question', 'First answer']);
    assert.equal(input.value, 'Refused question');
    // Refused after something else was typed: the new text stays, the refused question still goes.
    ask(window, h, 'Another refused one');
    input.value = 'typed meanwhile';
    h.send({ type: 'reply', requestId: h.requestIds[1] ?? 0, error: 'Still unreadable.' });
    await settled();
    assert.deepEqual(texts(h), ['First question', 'First answer']);
    assert.equal(input.value, 'typed meanwhile');
  });
});
