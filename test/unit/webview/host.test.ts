// The webview's channel to the host: every request carries a new id, and the host's reply under that id settles it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebviewToHostMessage } from '../../../src/shared/messages';
import { createHostChannel } from '../../../src/webview-ui/host';

function recordingChannel() {
  const sent: WebviewToHostMessage[] = [];
  const channel = createHostChannel({
    postMessage: (m) => sent.push(m),
    getState: () => undefined,
    setState: () => {},
  });
  return { sent, channel };
}

describe('the host channel', () => {
  it('numbers each request and resolves it when the host replies under its id', async () => {
    const { sent, channel } = recordingChannel();
    const first = channel.request({ type: 'newChat' });
    const second = channel.request({ type: 'export' });
    assert.deepEqual(sent, [
      { type: 'newChat', requestId: 1 },
      { type: 'export', requestId: 2 },
    ]);
    const settled: string[] = [];
    void first.then(() => settled.push('newChat'));
    void second.then(() => settled.push('export'));
    channel.settle({ requestId: 2 });
    await second;
    assert.deepEqual(settled, ['export']);
    channel.settle({ requestId: 1 });
    await first;
    assert.deepEqual(settled, ['export', 'newChat']);
  });

  it('rejects a request with the reason the host gives', async () => {
    const { channel } = recordingChannel();
    const request = channel.request({ type: 'export' });
    channel.settle({ requestId: 1, error: 'the chat is empty' });
    await assert.rejects(request, /the chat is empty/);
  });

  it('ignores a reply to no pending request', () => {
    const { channel } = recordingChannel();
    channel.settle({ requestId: 99 });
    channel.settle({ requestId: 99, error: 'late' });
  });

  it('reads a saved state that is missing or malformed as an empty draft', () => {
    for (const saved of [undefined, null, 'x', { conversationId: 4, draft: [] }]) {
      const channel = createHostChannel({ postMessage: () => {}, getState: () => saved, setState: () => {} });
      assert.deepEqual(channel.loadState(), { draft: '' });
    }
  });
});
