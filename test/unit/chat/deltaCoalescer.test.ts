import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeltaCoalescer } from '../../../src/chat/deltaCoalescer';
import { ManualScheduler } from './helpers';

describe('DeltaCoalescer', () => {
  it('hands on the first text at once, then gathers many chunks into one delta per reply per interval', () => {
    const scheduler = new ManualScheduler();
    const emitted: [string, string][] = [];
    const coalescer = new DeltaCoalescer((id, text) => emitted.push([id, text]), 16, scheduler);
    coalescer.push('a', 'first');
    assert.deepEqual(emitted, [['a', 'first']]);
    for (let i = 0; i < 1000; i++) coalescer.push('a', `${i % 10}`);
    coalescer.push('b', 'other reply');
    assert.equal(emitted.length, 1);
    assert.equal(scheduler.pending, 1);
    scheduler.runAll();
    assert.equal(emitted.length, 3);
    assert.deepEqual(emitted[1], ['a', '0123456789'.repeat(100)]);
    assert.deepEqual(emitted[2], ['b', 'other reply']);
    // Still gathering for one more interval: text within it waits for its end.
    coalescer.push('a', 'later');
    assert.equal(emitted.length, 3);
    scheduler.runAll();
    assert.deepEqual(emitted[3], ['a', 'later']);
  });

  it('hands on at once again after a quiet interval, and never emits empty text', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((_id, text) => emitted.push(text), 16, scheduler);
    coalescer.push('a', '');
    assert.equal(scheduler.pending, 0);
    coalescer.push('a', 'one');
    scheduler.runAll();
    assert.equal(scheduler.pending, 0);
    coalescer.push('a', 'two');
    assert.deepEqual(emitted, ['one', 'two']);
  });

  it('drops gathered text for a reply whose full text is about to be sent', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((id, text) => emitted.push(`${id}:${text}`), 16, scheduler);
    coalescer.push('c', 'first');
    coalescer.push('a', 'dropped');
    coalescer.push('b', 'kept');
    coalescer.discard('a');
    scheduler.runAll();
    assert.deepEqual(emitted, ['c:first', 'b:kept']);
  });

  it('emits nothing after it is disposed', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((_id, text) => emitted.push(text), 16, scheduler);
    coalescer.push('a', 'first');
    coalescer.push('a', 'late');
    coalescer.dispose();
    scheduler.runAll();
    assert.deepEqual(emitted, ['first']);
    assert.equal(scheduler.pending, 0);
  });
});
