// The warning that the server cut the prompt: given only when its count is below half the estimate, never without one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROMPT_CUT_SHARE, promptCutWarning } from '../../../src/chat/promptCut';

describe('promptCutWarning', () => {
  it('warns when the server counted less than half the estimate', () => {
    assert.equal(PROMPT_CUT_SHARE, 0.5);
    assert.deepEqual(promptCutWarning(5300, 1024), { sentTokens: 5300, countedTokens: 1024 });
    assert.deepEqual(promptCutWarning(1000, 499), { sentTokens: 1000, countedTokens: 499 });
    assert.deepEqual(promptCutWarning(500, 42), { sentTokens: 500, countedTokens: 42 });
  });

  it('says nothing from half the estimate up, where a tokenizer may simply count differently', () => {
    assert.equal(promptCutWarning(1000, 500), undefined);
    assert.equal(promptCutWarning(1000, 800), undefined);
    assert.equal(promptCutWarning(1000, 1500), undefined);
    assert.equal(promptCutWarning(1001, 501), undefined);
  });

  it('says nothing without a count, or with a count of 0 from a server that does not count', () => {
    assert.equal(promptCutWarning(1000, undefined), undefined);
    assert.equal(promptCutWarning(1000, 0), undefined);
  });
});
