// A reply's details: one request measured on a clock the test moves (its reasoning, finish reason and usage too), and
// a continued reply's requests added up.
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

  it('times the reasoning from its first to its last text, and keeps the finish reason and usage', () => {
    const { now, advance } = clock();
    const recorder = new ReplyRecorder(now);
    advance(100);
    assert.equal(recorder.recordReasoning(), true);
    advance(700);
    assert.equal(recorder.recordReasoning(), false);
    advance(50);
    recorder.record('Hi');
    recorder.ended({ finishReason: 'length', usage: { promptTokens: 30, completionTokens: 90 } });
    const measured = recorder.finish();
    assert.deepEqual(measured, {
      firstChunkMs: 850,
      durationMs: 850,
      chunks: 1,
      chars: 2,
      reasoningMs: 700,
      finishReason: 'length',
      usage: { promptTokens: 30, completionTokens: 90 },
    });
    assert.deepEqual(replyStats(undefined, REQUEST, measured), {
      protocol: 'openai-compatible',
      model: 'qwen',
      firstChunkMs: 850,
      durationMs: 850,
      chunks: 1,
      chars: 2,
      promptTokens: 30,
      completionTokens: 90,
      finishReason: 'length',
    });
    assert.match(
      describeRequest(REQUEST, 1, 'complete', measured),
      /first chunk 850 ms, reasoning 700 ms, finish length, tokens 30 in 90 out$/,
    );
  });

  it('adds up a continued reply’s tokens, or leaves them out when a request did not report them', () => {
    const earlier = { protocol: 'vitalentum', durationMs: 400, chunks: 2, chars: 11, finishReason: 'length' };
    const counted = { ...earlier, promptTokens: 10, completionTokens: 20 };
    const usage = { promptTokens: 40, completionTokens: 5 };
    const next = { durationMs: 100, chunks: 1, chars: 3 };
    const stats = (before: typeof earlier, measured: typeof next & { usage?: typeof usage; finishReason?: string }) =>
      replyStats(before, { protocol: 'vitalentum' }, measured);
    assert.deepEqual(stats(counted, { ...next, usage, finishReason: 'stop' }), {
      protocol: 'vitalentum',
      durationMs: 500,
      chunks: 3,
      chars: 14,
      promptTokens: 50,
      completionTokens: 25,
      finishReason: 'stop',
    });
    // The finish reason is the last request's: one that failed has none, so the reply is no longer 'length'.
    assert.deepEqual(stats(counted, next), { protocol: 'vitalentum', durationMs: 500, chunks: 3, chars: 14 });
    assert.equal(stats(earlier, { ...next, usage }).promptTokens, undefined, 'a sum that leaves out a request');
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
