// A reply still arriving is saved at most once a second, so a crash loses little and saving stays off the hot path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartialSaves } from '../../../src/chat/partialSaves';

describe('PartialSaves', () => {
  it('is due once a second from the request’s start, each save starting the next second', () => {
    let time = 1000;
    const saves = new PartialSaves(() => time);
    const due: number[] = [];
    for (let t = 0; t < 3000; t += 700) {
      if (saves.due()) due.push(t);
      time += 700;
    }
    assert.deepEqual(due, [1400, 2800]);
  });
});
