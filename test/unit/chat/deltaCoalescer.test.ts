import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeltaCoalescer } from '../../../src/chat/deltaCoalescer';
import { ManualScheduler } from './helpers';

describe('DeltaCoalescer', () => {
  it('gathers many chunks into one delta per reply per interval', () => {
    const scheduler = new ManualScheduler();
    const emitted: [string, string][] = [];
    const coalescer = new DeltaCoalescer((id, text) => emitted.push([id, text]), 16, scheduler);
    for (let i = 0; i < 1000; i++) coalescer.push('a', `${i % 10}`);
    coalescer.push('b', 'other reply');
    assert.equal(emitted.length, 0);
    assert.equal(scheduler.pending, 1);
    scheduler.runAll();
    assert.equal(emitted.length, 2);
    assert.equal(emitted[0][0], 'a');
    assert.equal(emitted[0][1], '0123456789'.repeat(100));
    assert.deepEqual(emitted[1], ['b', 'other reply']);
  });

  it('starts a new interval after each emission and never emits empty text', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((_id, text) => emitted.push(text), 16, scheduler);
    coalescer.push('a', '');
    assert.equal(scheduler.pending, 0);
    coalescer.push('a', 'one');
    scheduler.runAll();
    coalescer.push('a', 'two');
    scheduler.runAll();
    scheduler.runAll();
    assert.deepEqual(emitted, ['one', 'two']);
  });

  it('drops gathered text for a reply whose full text is about to be sent', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((id, text) => emitted.push(`${id}:${text}`), 16, scheduler);
    coalescer.push('a', 'dropped');
    coalescer.push('b', 'kept');
    coalescer.discard('a');
    scheduler.runAll();
    assert.deepEqual(emitted, ['b:kept']);
  });

  it('emits nothing after it is disposed', () => {
    const scheduler = new ManualScheduler();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer((_id, text) => emitted.push(text), 16, scheduler);
    coalescer.push('a', 'late');
    coalescer.dispose();
    scheduler.runAll();
    assert.deepEqual(emitted, []);
    assert.equal(scheduler.pending, 0);
  });
});
