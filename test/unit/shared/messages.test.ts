// The webview message table: one declaration per request gives the validator, which keeps exactly the declared
// fields, enforces their limits and refuses everything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_MESSAGE_LENGTH, parseWebviewMessage, requestIdOf, WEBVIEW_REQUESTS } from '../../../src/shared/messages';

describe('parseWebviewMessage', () => {
  it('accepts every declared request without fields, with or without an id', () => {
    for (const [type, fields] of Object.entries(WEBVIEW_REQUESTS)) {
      if (Object.keys(fields).length > 0) continue;
      assert.deepEqual(parseWebviewMessage({ type }), { type });
      assert.deepEqual(parseWebviewMessage({ type, requestId: 7 }), { type, requestId: 7 });
    }
  });

  it('keeps the declared fields and drops the rest', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'send', text: 'hi', extra: 1, requestId: 3 }), {
      type: 'send',
      text: 'hi',
      requestId: 3,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'errorAction', action: 'setApiKey' }), {
      type: 'errorAction',
      action: 'setApiKey',
    });
  });

  it('refuses unknown types, missing or wrong fields, limits passed and bad ids', () => {
    const refused: unknown[] = [
      null,
      'ready',
      [],
      { type: 'toString' },
      { type: 'hasOwnProperty' },
      { type: 'launch' },
      { type: 'send' },
      { type: 'send', text: '   ' },
      { type: 'send', text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) },
      { type: 'openConversation', id: '' },
      { type: 'openConversation', id: 'x'.repeat(201) },
      { type: 'openLink', href: 'https://a/'.padEnd(8193, 'a') },
      { type: 'copyCode', code: 5 },
      { type: 'errorAction', action: 'formatDisk' },
      { type: 'ready', requestId: -1 },
      { type: 'ready', requestId: 1.5 },
      { type: 'ready', requestId: '1' },
    ];
    for (const value of refused) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });

  it('finds the id a refused message asked to be answered under', () => {
    assert.equal(requestIdOf({ type: 'launch', requestId: 12 }), 12);
    assert.equal(requestIdOf({ type: 'launch' }), undefined);
    assert.equal(requestIdOf('x'), undefined);
  });
});
