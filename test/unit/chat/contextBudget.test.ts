// The context budget: the estimate, which turns are left out, that the instructions and the last question never are,
// and the refusal when even they do not fit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  estimateTokens,
  fitToWindow,
  MESSAGE_OVERHEAD_TOKENS,
  MIN_ANSWER_TOKENS,
  promptAllowance,
} from '../../../src/chat/contextBudget';
import type { PromptMessage } from '../../../src/chat/conversation';

const user = (content: string): PromptMessage => ({ role: 'user', content });
const bot = (content: string): PromptMessage => ({ role: 'assistant', content });
/** A message of exactly `tokens` estimated tokens, overhead included. */
const sized = (role: PromptMessage['role'], tokens: number): PromptMessage => ({
  role,
  content: 'x'.repeat((tokens - MESSAGE_OVERHEAD_TOKENS) * 4),
});

describe('estimateTokens', () => {
  it('counts characters / 4, rounded up, plus the overhead of each message', () => {
    assert.equal(estimateTokens([]), 0);
    assert.equal(estimateTokens([user('')]), MESSAGE_OVERHEAD_TOKENS);
    assert.equal(estimateTokens([user('abcd')]), 1 + MESSAGE_OVERHEAD_TOKENS);
    assert.equal(estimateTokens([user('abcde'), bot('a')]), 2 + 1 + 2 * MESSAGE_OVERHEAD_TOKENS);
  });
});

describe('promptAllowance', () => {
  it('keeps a quarter of the window for the answer, and at least MIN_ANSWER_TOKENS', () => {
    assert.equal(promptAllowance(8192), 6144);
    assert.equal(promptAllowance(1000), 1000 - MIN_ANSWER_TOKENS);
    assert.equal(promptAllowance(2048), 2048 - 512);
  });
});

describe('fitToWindow', () => {
  // A 1000-token window leaves 488 tokens for the prompt.
  const window = 1000;

  it('sends everything, instructions first as a system message, when it fits', () => {
    const history = [user('Hi'), bot('Hello'), user('Why?')];
    const result = fitToWindow('Be brief.', history, window);
    assert.ok(result.fits);
    assert.deepEqual(result.messages, [{ role: 'system', content: 'Be brief.' }, ...history]);
    assert.equal(result.droppedMessages, 0);
    assert.equal(result.promptTokens, estimateTokens(result.messages));
  });

  it('sends no system message when there are no instructions', () => {
    const result = fitToWindow('', [user('Why?')], window);
    assert.ok(result.fits);
    assert.deepEqual(result.messages, [user('Why?')]);
  });

  it('leaves out the oldest turns first, each question with its reply', () => {
    const history = [
      sized('user', 100),
      sized('assistant', 100),
      sized('user', 100),
      sized('assistant', 100),
      sized('user', 50),
      sized('assistant', 50),
      user('last'),
    ];
    // instructions 54 + question 5 + newest turn 100 + middle turn 200 = 359; the oldest turn would make it 559.
    const result = fitToWindow('i'.repeat(200), history, window);
    assert.ok(result.fits);
    assert.equal(result.droppedMessages, 2);
    assert.deepEqual(result.messages.slice(1), history.slice(2));
    assert.ok(result.promptTokens <= promptAllowance(window));
  });

  it('never splits a turn: a question is not sent without its reply, nor a reply without its question', () => {
    // The newest turn's reply alone would fit; the turn as a whole does not.
    const history = [sized('user', 350), sized('assistant', 150), user('last')];
    const result = fitToWindow('', history, window);
    assert.ok(result.fits);
    assert.deepEqual(result.messages, [user('last')]);
    assert.equal(result.droppedMessages, 2);
  });

  it('keeps a turn with several replies (a regenerated or continued answer) together', () => {
    const history = [user('a'), bot('b'), bot('c'), user('last')];
    const result = fitToWindow('', history, window);
    assert.ok(result.fits);
    assert.deepEqual(result.messages, history);
  });

  it('keeps replies before the first question (an imported conversation) as a turn of their own', () => {
    const history = [sized('assistant', 100), sized('assistant', 100), sized('user', 100), bot('b'), user('last')];
    const kept = fitToWindow('', history, window);
    assert.ok(kept.fits);
    assert.deepEqual(kept.messages, history);
    // The two replies together no longer fit beside the rest; the turn after them still does.
    const tight = fitToWindow('i'.repeat(800), history, window);
    assert.ok(tight.fits);
    assert.equal(tight.droppedMessages, 2);
    assert.deepEqual(tight.messages.slice(1), history.slice(2));
  });

  it('reads only the turns it keeps and the one that does not fit, however long the conversation', () => {
    const old = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? user('q') : bot('a')));
    const history = [...old, sized('user', 300), sized('assistant', 300), sized('user', 50), bot('b'), user('last')];
    // Reading any message before the last two turns fails the test.
    for (let i = 0; i < old.length; i++) {
      Object.defineProperty(history, i, {
        get: () => assert.fail(`message ${i} was read`),
      });
    }
    const result = fitToWindow('', history, window);
    assert.ok(result.fits);
    assert.equal(result.droppedMessages, old.length + 2);
    assert.deepEqual(result.messages, history.slice(-3));
  });

  it('never leaves out the instructions or the last question, however much else is left out', () => {
    const history = [sized('user', 400), sized('assistant', 400), sized('user', 200)];
    const instructions = 'i'.repeat(1000);
    const result = fitToWindow(instructions, history, window);
    assert.ok(result.fits);
    assert.deepEqual(result.messages, [{ role: 'system', content: instructions }, history[2]]);
    assert.equal(result.droppedMessages, 2);
  });

  it('refuses when the instructions and the last question alone need more than the allowance', () => {
    const result = fitToWindow('i'.repeat(1000), [user('q'.repeat(1000))], window);
    assert.deepEqual(result, {
      fits: false,
      neededTokens: 250 + 250 + 2 * MESSAGE_OVERHEAD_TOKENS,
      allowanceTokens: 488,
    });
  });

  it('refuses every prompt when the window is no larger than the room kept for the answer', () => {
    assert.equal(fitToWindow('', [user('q')], MIN_ANSWER_TOKENS).fits, false);
  });
});
