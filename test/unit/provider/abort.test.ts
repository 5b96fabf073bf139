// Stopping a reply: an aborted signal or a consumer that stops reading ends the stream at once and closes its socket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { streamChat, type ChatMessage } from '../../../src/provider';
import { STOP_DEADLINE_MS, within } from '../../support/deadline';
import { startProtocolServer, type ProtocolServer } from '../../support/protocolServer';
import { collect } from './collect';

const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];

describe('streamChat: aborting releases the socket', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer();
  });
  after(() => server.close());

  // 400 chunks 100 ms apart: each reply would take 40 s to end by itself, far beyond STOP_DEADLINE_MS.
  const LONG_REPLY = '[chunks:400] [pace:100]';

  it('options.signal aborted mid-reply: aborted, and the server sees the connection close', async () => {
    const controller = new AbortController();
    const stream = streamChat(ask(LONG_REPLY), { baseUrl: server.url, signal: controller.signal });
    const chunks: string[] = [];
    const read = (async () => {
      for await (const chunk of stream) {
        chunks.push(chunk);
        assert.equal(server.connectionsOpen(), 1);
        controller.abort();
      }
    })();
    const ended = await within(
      STOP_DEADLINE_MS,
      'the end of the aborted stream',
      read.then(
        () => 'the reply ran to its end',
        (error: unknown) => error,
      ),
    );
    assert.equal((ended as { kind?: string }).kind, 'aborted', String(ended));
    assert.equal(chunks.length, 1);
    await server.allConnectionsClosed(STOP_DEADLINE_MS);
  });

  it('breaking out of the loop: the server sees the connection close', async () => {
    const stream = streamChat(ask(LONG_REPLY), { baseUrl: server.url });
    for await (const chunk of stream) {
      assert.equal(chunk.length > 0, true);
      assert.equal(server.connectionsOpen(), 1);
      break;
    }
    await server.allConnectionsClosed(STOP_DEADLINE_MS);
  });

  it('a signal aborted before the request: aborted, and nothing is sent', async () => {
    const before = server.requests.length;
    const { error } = await collect(streamChat(ask('x'), { baseUrl: server.url, signal: AbortSignal.abort() }));
    assert.equal(error?.kind, 'aborted');
    assert.equal(server.requests.length, before);
  });

  it('a finished reply leaves its connection open for the next request', async () => {
    await collect(streamChat(ask('[chunks:2]'), { baseUrl: server.url }));
    assert.equal(server.connectionsOpen(), 1);
  });
});
