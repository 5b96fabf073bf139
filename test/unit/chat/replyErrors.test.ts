import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderError } from '../../../src/provider/errors';
import { toReplyError } from '../../../src/chat/replyErrors';

describe('reply errors', () => {
  it('says when to retry a rate-limited request, from Retry-After', () => {
    const error = toReplyError(
      new ProviderError('rate-limited', 'Too many requests.', { status: 429, retryAfterSeconds: 30 }),
      60,
    );
    assert.equal(error.kind, 'rate-limited');
    assert.equal(error.message, 'The server is limiting requests. Try again in 30 seconds.');
    assert.equal(error.retryAfterSeconds, 30);
    assert.equal(
      toReplyError(new ProviderError('rate-limited', 'x', { retryAfterSeconds: 600 }), 60).message,
      'The server is limiting requests. Try again in 10 minutes.',
    );
    assert.equal(
      toReplyError(new ProviderError('rate-limited', 'x'), 60).message,
      'The server is limiting requests. Try again in a little while.',
    );
  });

  it('explains a bot-check page and keeps the page excerpt as detail', () => {
    const error = toReplyError(
      new ProviderError('blocked', 'Blocked.', { status: 403, bodyExcerpt: 'Just a moment...' }),
      60,
    );
    assert.equal(error.message, 'The service returned a bot-check page instead of an answer.');
    assert.equal(error.detail, 'HTTP 403\nBlocked.\nResponse: Just a moment...');
  });

  it('names the idle timeout in seconds', () => {
    assert.equal(
      toReplyError(new ProviderError('timeout', 'Idle.'), 45).message,
      'No data arrived for 45 s, so the reply was given up.',
    );
  });

  it('gives one plain sentence for each remaining kind', () => {
    const cases: [ProviderError, string][] = [
      [
        new ProviderError('auth', 'Unauthorized', { status: 401 }),
        "The API key was refused. Run 'Vitalentum: Set API Key'.",
      ],
      [new ProviderError('http', 'Server error', { status: 502 }), 'The server answered with HTTP status 502.'],
      [new ProviderError('protocol', 'text/html'), 'The server sent a response that is not a chat reply.'],
      [
        new ProviderError('network', 'ECONNREFUSED'),
        'The chat server could not be reached or the connection dropped; check the base URL, network and proxy.',
      ],
      [new ProviderError('aborted', 'stopped'), 'The reply was stopped.'],
    ];
    for (const [providerError, message] of cases) {
      const error = toReplyError(providerError, 60);
      assert.equal(error.kind, providerError.kind);
      assert.equal(error.message, message);
    }
  });

  it('reports an unexpected failure as an unreadable reply with its message as detail', () => {
    const error = toReplyError(new TypeError('x is undefined'), 60);
    assert.deepEqual(error, {
      kind: 'protocol',
      message: 'The reply could not be read because of an unexpected error.',
      detail: 'x is undefined',
    });
  });
});
