// How the meter, the chips and the model picker write token figures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTextTokens, formatTokens, formatWindowTokens } from '../../../src/shared/tokenEstimate';

describe('token figures', () => {
  it('estimates a quarter token per character, rounded up, plus the message overhead', () => {
    assert.equal(estimateTextTokens(''), 4);
    assert.equal(estimateTextTokens('abcde'), 6);
  });

  it('writes counts in decimal thousands', () => {
    assert.deepEqual([812, 3100, 3149, 12_400].map(formatTokens), ['812', '3.1k', '3.1k', '12k']);
  });

  it('writes context windows in binary thousands, as model cards do', () => {
    assert.deepEqual([512, 8192, 32_768, 131_072, 1_048_576].map(formatWindowTokens), [
      '512',
      '8k',
      '32k',
      '128k',
      '1M',
    ]);
  });
});
