import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerptOf, parseRetryAfter } from '../../../src/provider/errors';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 120 ', now), 120);
  });

  it('reads an HTTP date as seconds from now, a past date as 0', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now), 0);
  });

  it('ignores a missing or unreadable value', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});

describe('excerptOf', () => {
  it('strips tags, scripts and styles, decodes common entities and collapses whitespace', () => {
    assert.equal(
      excerptOf(
        '<html><head><style>a{b:c}</style><script>var x = "<p>";</script></head>\n<body><h1>Bad&nbsp;Gateway</h1>\n\n<p>Tom &amp; Jerry</p></body></html>',
      ),
      'Bad Gateway Tom & Jerry',
    );
  });

  it('cuts long text to about 300 characters', () => {
    const excerpt = excerptOf('word '.repeat(200));
    assert.equal(excerpt.length, 300);
    assert.ok(excerpt.endsWith('…'));
  });
});
