// Plain data is told equal field by field and item by item, with nothing encoded; any difference of value, key or
// shape counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sameJson } from '../../../src/chat/sameJson';

describe('sameJson', () => {
  it('holds for equal data in separate objects, whatever the order of their keys', () => {
    const a = { id: 'a1', text: 'x', stats: { chunks: 3, model: 'm' }, tags: [1, 'two', { three: 3 }] };
    const b = { tags: [1, 'two', { three: 3 }], stats: { model: 'm', chunks: 3 }, text: 'x', id: 'a1' };
    assert.ok(sameJson(a, b));
    assert.ok(sameJson([], []));
    assert.ok(sameJson({}, {}));
    assert.ok(sameJson('s', 's'));
  });

  it('fails on a different value, a key on one side only, or another shape', () => {
    assert.equal(sameJson({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' } }), false);
    assert.equal(sameJson({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(sameJson({ a: 1, b: 2 }, { a: 1 }), false);
    // As many keys on both sides, but not the same ones.
    assert.equal(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 }), false);
    assert.equal(sameJson({ a: undefined }, {}), false);
    assert.equal(sameJson([1, 2], [1, 2, 3]), false);
    assert.equal(sameJson([1, 2], [2, 1]), false);
    assert.equal(sameJson([], {}), false);
    assert.equal(sameJson({}, []), false);
    assert.equal(sameJson({ 0: 'a', length: 1 }, ['a']), false);
    assert.equal(sameJson(null, {}), false);
    assert.equal(sameJson(1, '1'), false);
  });

  it('counts only own keys', () => {
    const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
    inherited.a = 1;
    assert.ok(sameJson(inherited, { a: 1 }));
    assert.ok(sameJson({ a: 1 }, inherited));
  });
});
