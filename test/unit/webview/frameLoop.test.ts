// The frame loop that renders streamed text: a slow frame holds the next back for twice its cost, counted from its
// end, so a frame asked for long after (the next reply's first words) is not held back.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { FrameLoop } from '../../../src/webview-ui/frameLoop';
import { MAX_FRAME_CHARS, MIN_FRAME_CHARS } from '../../../src/webview-ui/framePace';

function loop(costs: number[]) {
  let now = 1000;
  const frames: (() => void)[] = [];
  const clock = { now: () => now, requestFrame: (callback: () => void) => frames.push(callback) };
  const frameLoop = new FrameLoop(clock, () => {
    now += costs.shift() ?? 1;
    return costs.length > 0;
  });
  return {
    frameLoop,
    frames,
    advance: (ms: number) => (now += ms),
    runFrame: () => frames.shift()?.(),
  };
}

test('a slow frame holds the next back for twice its cost, a quick one not at all', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { frameLoop, frames, runFrame } = loop([20, 2, 1]);
    frameLoop.schedule();
    assert.equal(frames.length, 1);
    runFrame();
    assert.equal(frames.length, 0, 'the frame after a slow one was asked for at once');
    mock.timers.tick(39);
    assert.equal(frames.length, 0);
    mock.timers.tick(1);
    assert.equal(frames.length, 1);
    runFrame();
    assert.equal(frames.length, 1, 'the frame after a quick one was held back');
  } finally {
    mock.timers.reset();
  }
});

test('a frame asked for after the hold has passed runs at the next frame', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { frameLoop, frames, advance, runFrame } = loop([30]);
    frameLoop.schedule();
    runFrame();
    advance(100);
    frameLoop.schedule();
    assert.equal(frames.length, 1, 'a reply starting after a slow frame long ago waited for it');
  } finally {
    mock.timers.reset();
  }
});

test('a late frame halves the characters a frame may render and leaves the next frame to the browser', () => {
  let now = 1000;
  const frames: ((time?: number) => void)[] = [];
  const rendered: { at: number; chars: number }[] = [];
  let wanted = 4;
  const frameLoop = new FrameLoop({ now: () => now, requestFrame: (callback) => frames.push(callback) }, (budget) => {
    rendered.push({ at: now, chars: budget.charsLeft });
    now += 1;
    return --wanted > 0;
  });
  const runFrame = (time: number) => {
    now = time;
    frames.shift()?.(time);
  };
  frameLoop.schedule();
  for (const time of [1000, 1017, 1050, 1067, 1084]) runFrame(time);
  assert.equal(frames.length, 0);
  assert.deepEqual(rendered, [
    // The first frame after a pause renders the least.
    { at: 1000, chars: MIN_FRAME_CHARS },
    { at: 1017, chars: MAX_FRAME_CHARS },
    // 1050 came late: nothing rendered in it.
    { at: 1067, chars: MAX_FRAME_CHARS / 2 },
    // 1067 followed a frame that rendered nothing: its interval tells nothing.
    { at: 1084, chars: Math.round((MAX_FRAME_CHARS / 2) * 1.035) },
  ]);
  wanted = 2;
  frameLoop.schedule();
  runFrame(5000);
  runFrame(5017);
  assert.deepEqual(rendered.slice(4), [
    { at: 5000, chars: MIN_FRAME_CHARS },
    // A pause between replies is not a late frame.
    { at: 5017, chars: Math.round((MAX_FRAME_CHARS / 2) * 1.035 * 1.035) },
  ]);
});

/** A loop whose text never runs out, recording when its frames rendered; each frame runs at the time given. */
function endlessText() {
  let now = 1000;
  const frames: ((time?: number) => void)[] = [];
  const rendered: number[] = [];
  const frameLoop = new FrameLoop({ now: () => now, requestFrame: (callback) => frames.push(callback) }, () => {
    rendered.push(now);
    now += 1;
    return true;
  });
  const runFrame = (time: number) => {
    now = time;
    frames.shift()?.(time);
  };
  return { frameLoop, frames, rendered, runFrame };
}

test('a key pressed while text renders leaves the next frame to it, and only that one', () => {
  const { frameLoop, frames, rendered, runFrame } = endlessText();
  frameLoop.schedule();
  runFrame(1000);
  frameLoop.yieldToInput();
  frameLoop.yieldToInput();
  for (const time of [1017, 1034, 1051]) runFrame(time);
  assert.deepEqual(rendered, [1000, 1034, 1051], 'the frame after the key rendered text, or the one after it did not');
  assert.equal(frames.length, 1, 'the loop stopped asking for frames');
});

test('keys pressed before every frame leave text in every other frame', () => {
  const { frameLoop, rendered, runFrame } = endlessText();
  frameLoop.schedule();
  for (const time of [1000, 1017, 1034, 1051, 1068]) {
    frameLoop.yieldToInput();
    runFrame(time);
  }
  assert.deepEqual(rendered, [1017, 1051]);
});

test('a key pressed with no text waiting does not hold back the frame of the next text', () => {
  const { frameLoop, frames, runFrame } = loop([1]);
  frameLoop.yieldToInput();
  frameLoop.schedule();
  assert.equal(frames.length, 1);
  runFrame();
  assert.equal(frames.length, 0, 'the first frame after the key rendered nothing and asked for another');
});
