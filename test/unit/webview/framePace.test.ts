// The share of streamed text a frame renders: halved after a frame that came late, grown slowly after one on time,
// within its bounds; and the budget a frame's steps spend it from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameBudget } from '../../../src/webview-ui/frameLoop';
import { FramePace, MAX_FRAME_CHARS, MIN_FRAME_CHARS } from '../../../src/webview-ui/framePace';

const PERIOD = 1000 / 60;

test('a late frame halves the share, down to the least; frames on time grow it back slowly, up to the most', () => {
  const pace = new FramePace();
  assert.equal(pace.frameChars, MAX_FRAME_CHARS);
  assert.equal(pace.observe(2 * PERIOD), false, 'came late');
  assert.equal(pace.frameChars, MAX_FRAME_CHARS / 2);
  for (let i = 0; i < 20; i++) pace.observe(3 * PERIOD);
  assert.equal(pace.frameChars, MIN_FRAME_CHARS);
  assert.equal(pace.observe(PERIOD), true, 'on time');
  assert.ok(pace.frameChars > MIN_FRAME_CHARS && pace.frameChars < MIN_FRAME_CHARS * 1.1, String(pace.frameChars));
  let frames = 0;
  while (pace.frameChars < 2 * MIN_FRAME_CHARS) {
    pace.observe(PERIOD);
    frames++;
  }
  assert.ok(frames >= 15 && frames <= 25, `doubled in ${frames} frames`);
  for (let i = 0; i < 500; i++) pace.observe(PERIOD);
  assert.equal(pace.frameChars, MAX_FRAME_CHARS);
});

test('the refresh period is the shortest interval seen: at 120 Hz a frame of 60 Hz came late', () => {
  const pace = new FramePace();
  pace.observe(PERIOD * 1.4);
  assert.equal(pace.frameChars, MAX_FRAME_CHARS, 'within half a period of 60 Hz: on time');
  pace.observe(PERIOD / 2);
  pace.observe(PERIOD);
  assert.equal(pace.frameChars, MAX_FRAME_CHARS / 2);
  pace.observe(0);
  pace.observe(-5);
  assert.equal(pace.frameChars, MAX_FRAME_CHARS / 2, 'no interval, nothing learnt');
});

test("a frame's budget: steps while characters and time are left; one step outside the frames", () => {
  let timeLeft = true;
  const budget = new FrameBudget(1000, () => timeLeft);
  assert.equal(budget.charsLeft, 1000);
  assert.equal(budget.spend(400), true);
  assert.equal(budget.charsLeft, 600);
  timeLeft = false;
  assert.equal(budget.spend(100), false, 'out of time');
  timeLeft = true;
  assert.equal(budget.spend(600), false, 'out of characters');
  assert.equal(budget.charsLeft, 0);
  const once = FrameBudget.oneStep();
  assert.equal(once.charsLeft, Infinity);
  assert.equal(once.spend(1), false);
});
