// A <think>…</think> block at the start of the content is reasoning, however its text is split into events and reads;
// anywhere else it is answer text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatEventDecoder } from '../../../src/provider/chatEvents';
import { ThinkBlockSplitter } from '../../../src/provider/thinkBlock';

function split(pieces: string[]): { answer: string; reasoning: string } {
  let reasoning = '';
  const splitter = new ThinkBlockSplitter((text) => (reasoning += text));
  let answer = '';
  for (const piece of pieces) answer += splitter.push(piece);
  answer += splitter.end();
  return { answer, reasoning };
}

const CONTENT = '<think>Is 2+2 4? </thin… yes.</think>\n\n  The answer is 4. <think>not this</think>';
const EXPECTED = { answer: 'The answer is 4. <think>not this</think>', reasoning: 'Is 2+2 4? </thin… yes.' };

describe('ThinkBlockSplitter', () => {
  it('separates the block, dropping the whitespace after it; a later <think> is answer text', () => {
    assert.deepEqual(split([CONTENT]), EXPECTED);
  });

  it('whatever the pieces: split at every pair of positions, and one character at a time', () => {
    for (let a = 0; a <= CONTENT.length; a++) {
      for (let b = a; b <= CONTENT.length; b += 3) {
        const pieces = [CONTENT.slice(0, a), CONTENT.slice(a, b), CONTENT.slice(b)];
        assert.deepEqual(split(pieces), EXPECTED, JSON.stringify(pieces));
      }
    }
    assert.deepEqual(split([...CONTENT]), EXPECTED);
  });

  it('gives reasoning out as it arrives, holding back only what may be the closing tag', () => {
    const seen: string[] = [];
    const splitter = new ThinkBlockSplitter((text) => seen.push(text));
    assert.equal(splitter.push('<think>one '), '');
    assert.equal(splitter.push('two </'), '');
    assert.deepEqual(seen, ['one ', 'two ']);
    assert.equal(splitter.push('think>\nDone'), 'Done');
    assert.equal(splitter.push(' and more'), ' and more');
  });

  it('an answer that does not start with the tag passes at once', () => {
    const splitter = new ThinkBlockSplitter(() => assert.fail('no reasoning'));
    assert.equal(splitter.push('<b>bold</b>'), '<b>bold</b>');
    assert.equal(split(['  \n', 'Hello <think>']).answer, '  \nHello <think>');
  });

  it('whitespace before the block is dropped with it', () => {
    assert.deepEqual(split(['\n', ' <think>', 'r</think>', ' ', '\n', 'A']), { answer: 'A', reasoning: 'r' });
  });

  it('at the end: an unclosed block is reasoning, a start that only looked like a tag is answer', () => {
    assert.deepEqual(split(['<think>still thinking </thi']), { answer: '', reasoning: 'still thinking </thi' });
    assert.deepEqual(split(['<thi']), { answer: '<thi', reasoning: '' });
    assert.deepEqual(split(['<think>r</think>']), { answer: '', reasoning: 'r' });
  });
});

describe('ChatEventDecoder: a <think> block across events and reads', () => {
  const event = (content: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
  const pieces = ['<th', 'ink>Plan: ', 'add.</', 'think', '>\n', '\n', '2 + 2 = 4.', ' <think>'];
  const bytes = Buffer.from(pieces.map(event).join('') + 'data: [DONE]\n\n');

  it('every split of the bytes into two reads gives the same answer and reasoning', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      let reasoning = '';
      const decoder = new ChatEventDecoder({ onReasoning: (text) => (reasoning += text) });
      const answer = decoder.push(bytes.subarray(0, cut)) + decoder.push(bytes.subarray(cut));
      assert.equal(answer, '2 + 2 = 4. <think>', `cut at ${cut}`);
      assert.equal(reasoning, 'Plan: add.', `cut at ${cut}`);
      assert.equal(decoder.done, true);
    }
  });

  it('without onReasoning the reasoning is dropped, never yielded', () => {
    const decoder = new ChatEventDecoder();
    assert.equal(decoder.push(bytes), '2 + 2 = 4. <think>');
  });

  it('an answer held back while it might be a tag is given out at [DONE] and at the end of the body', () => {
    const done = new ChatEventDecoder();
    assert.equal(done.push(Buffer.from(event('<thi') + 'data: [DONE]\n\n')), '<thi');
    const cut = new ChatEventDecoder();
    assert.equal(cut.push(Buffer.from(event(' <th'))), '');
    assert.equal(cut.finish(), ' <th');
  });
});
