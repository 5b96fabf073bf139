// The test server's directive parser: the grammar documented in ./protocolServerDirectives.ts, chunk by chunk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MARKDOWN_ANSWER,
  parseDirectives,
  reasoningChunks,
  replyChunks,
  THINK_CHUNKS,
  THINK_TEXT,
} from './protocolServerDirectives';

describe('test server directives', () => {
  it('reads faults, counts and pace anywhere in the text, case-insensitively', () => {
    assert.deepEqual(parseDirectives('please [FAULT:Stall] now [chunks:12] [pace:5] [size:300]'), {
      fault: 'stall',
      chunks: 12,
      paceMs: 5,
      size: 300,
    });
  });

  it('ignores unknown faults, non-numeric counts and plain brackets', () => {
    assert.deepEqual(parseDirectives('[fault:teapot] [chunks:many] [note] a[b]'), {});
  });

  it('keeps the first of each directive', () => {
    assert.deepEqual(parseDirectives('[fault:429] [fault:500] [pace:1] [pace:2]'), { fault: '429', paceMs: 1 });
  });

  it('takes everything after [echo] verbatim, directives included', () => {
    assert.deepEqual(parseDirectives('[fault:no-done] [echo] <b>x</b> [fault:500]\n'), {
      fault: 'no-done',
      echo: '<b>x</b> [fault:500]\n',
    });
  });

  it('reads the reasoning, finish, usage, error, shape and framing directives', () => {
    assert.deepEqual(
      parseDirectives(
        '[reasoning:3] [think] [finish:length] [usage] [stream-error] [refuse-stream-options] [shape:VLLM] [crlf] [cr] [bom]',
      ),
      {
        reasoning: 3,
        think: true,
        finish: 'length',
        usage: true,
        streamError: true,
        refuseStreamOptions: true,
        shape: 'vllm',
        lineEnd: '\r\n',
        bom: true,
      },
    );
    assert.deepEqual(parseDirectives('[shape:gpt] [finish:] [reasoning:x] [usage:yes]'), {});
    assert.deepEqual(reasoningChunks(2), ['r0 ', 'r1 ']);
    assert.equal(THINK_CHUNKS.join(''), `<think>${THINK_TEXT}</think>\n\n`);
  });

  it('produces the chunks each content directive promises', () => {
    assert.deepEqual([...replyChunks({ chunks: 3 })], ['w0 ', 'w1 ', 'w2 ']);
    assert.deepEqual([...replyChunks({ echo: 'héllo wörld👍' })], ['héll', 'o wö', 'rld👍']);
    const sized = [...replyChunks({ size: 2500 })];
    assert.deepEqual(
      sized.map((chunk) => chunk.length),
      [1000, 1000, 500],
    );
    assert.equal([...replyChunks({})].join(''), MARKDOWN_ANSWER);
  });

  it('has a default answer with a paragraph, a list and a fenced code block', () => {
    assert.match(MARKDOWN_ANSWER, /^\S[^\n]+\n\n- /);
    assert.match(MARKDOWN_ANSWER, /\n```ts\n[\s\S]+\n```\n/);
  });
});
