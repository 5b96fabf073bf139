// A reply's details: one request measured on a clock the test moves, and a continued reply's requests added up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRequest, ReplyRecorder, replyStats } from '../../../src/chat/replyRecorder';

function clock(start = 1000) {
  const state = { time: start };
  return { now: () => state.time, advance: (ms: number) => (state.time += ms) };
}

const REQUEST = { protocol: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:1', model: 'qwen' };

describe('ReplyRecorder', () => {
  it('measures the first chunk, the chunks, the characters and the duration of one request', () => {
    const { now, advance } = clock();
    const recorder = new ReplyRecorder(now);
    advance(250);
    recorder.record('Hello');
    advance(50);
    recorder.record(' there');
    advance(100);
    const measured = recorder.finish();
    assert.deepEqual(measured, { firstChunkMs: 250, durationMs: 400, chunks: 2, chars: 11 });
    assert.deepEqual(replyStats(undefined, REQUEST, measured), {
      protocol: 'openai-compatible',
      model: 'qwen',
      ...measured,
    });
    assert.equal(
      describeRequest(REQUEST, 3, 'complete', measured),
      'Request openai-compatible http://127.0.0.1:1 model=qwen messages=3: complete in 400 ms, 2 chunks, 11 chars, first chunk 250 ms',
    );
  });

  it('has no first chunk when none arrived', () => {
    const { now, advance } = clock();
    const recorder = new ReplyRecorder(now);
    advance(30);
    const measured = recorder.finish();
    assert.deepEqual(measured, { durationMs: 30, chunks: 0, chars: 0 });
    assert.deepEqual(replyStats(undefined, { protocol: 'vitalentum' }, measured), {
      protocol: 'vitalentum',
      durationMs: 30,
      chunks: 0,
      chars: 0,
    });
    assert.match(describeRequest({ ...REQUEST, model: undefined }, 1, 'stopped', measured), /model=- .*first chunk -$/);
  });

  it('adds a continued reply’s request to the earlier ones, keeping the first request’s first chunk', () => {
    const earlier = {
      protocol: 'openai-compatible',
      model: 'qwen',
      firstChunkMs: 250,
      durationMs: 400,
      chunks: 2,
      chars: 11,
    };
    const continued = { firstChunkMs: 90, durationMs: 200, chunks: 3, chars: 20 };
    assert.deepEqual(replyStats(earlier, REQUEST, continued), {
      protocol: 'openai-compatible',
      model: 'qwen',
      firstChunkMs: 250,
      durationMs: 600,
      chunks: 5,
      chars: 31,
    });
  });
});
