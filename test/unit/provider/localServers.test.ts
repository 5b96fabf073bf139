// Finding local servers, over real sockets: servers on 127.0.0.1 (port 0) that list models, answer garbage, never
// answer, or close the connection, beside ports where nothing listens. The probe is given these ports for the kinds.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { probeLocalServers, type LocalServerKind } from '../../../src/provider';

const opened: (Server | TcpServer)[] = [];

async function listen<T extends Server | TcpServer>(server: T, host = '127.0.0.1'): Promise<number> {
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTP server answering GET /v1/models with `status`, `type` and `body`, and 404 to anything else. */
function httpServer(status: number, type: string, body: string): Server {
  return createHttpServer((req, res) => {
    if (req.url !== '/v1/models') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(status, { 'content-type': type }).end(body);
  });
}

const models = (...ids: string[]) => JSON.stringify({ object: 'list', data: ids.map((id) => ({ id })) });

/** A port nothing listens on: bound once, then closed. */
async function deadPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

after(() => {
  for (const server of opened) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close();
  }
});

describe('probeLocalServers', () => {
  it('lists a server that answers with models, and only that one', async () => {
    const ollama = await listen(httpServer(200, 'application/json', models('llama3.2', 'qwen2.5-coder')));
    const kinds: LocalServerKind[] = [
      { name: 'Ollama', port: ollama },
      { name: 'LM Studio', port: await deadPort() },
    ];
    const { found, missed } = await probeLocalServers({ kinds, hosts: ['127.0.0.1'], timeoutMs: 2_000 });
    assert.deepEqual(found, [
      { name: 'Ollama', baseUrl: `http://127.0.0.1:${ollama}`, models: [{ id: 'llama3.2' }, { id: 'qwen2.5-coder' }] },
    ]);
    assert.equal(missed.length, 1);
    assert.match(missed[0].reason, /ECONNREFUSED/);
  });

  it('finds nothing when no port answers', async () => {
    const kinds = [
      { name: 'a', port: await deadPort() },
      { name: 'b', port: await deadPort() },
    ];
    const result = await probeLocalServers({ kinds, hosts: ['127.0.0.1'], timeoutMs: 2_000 });
    assert.deepEqual(result.found, []);
    assert.equal(result.missed.length, 2);
  });

  it('gives up on a server that accepts the connection and never answers, within the deadline', async () => {
    const silent = createTcpServer(() => undefined);
    const http = await listen(createHttpServer(() => undefined));
    const kinds = [
      { name: 'tcp', port: await listen(silent) },
      { name: 'http', port: http },
    ];
    const started = Date.now();
    const result = await probeLocalServers({ kinds, hosts: ['127.0.0.1'], timeoutMs: 300 });
    const took = Date.now() - started;
    assert.deepEqual(result.found, []);
    assert.equal(result.missed.length, 2);
    // Both probes run at once: two silent servers take one deadline, not two.
    assert.ok(took >= 280 && took < 550, `took ${took} ms`);
  });

  it('passes over garbage: HTML, broken JSON, JSON without a list, an error status, a closed connection', async () => {
    const kinds = [
      { name: 'html', port: await listen(httpServer(200, 'text/html', '<!doctype html><p>router login</p>')) },
      { name: 'json', port: await listen(httpServer(200, 'application/json', '{"data": [')) },
      { name: 'shape', port: await listen(httpServer(200, 'application/json', '{"models": ["x"]}')) },
      { name: 'status', port: await listen(httpServer(500, 'application/json', models('x'))) },
      { name: 'closed', port: await listen(createTcpServer((socket) => socket.end('HTTP/1.1 2'))) },
      { name: 'binary', port: await listen(createTcpServer((socket) => socket.end(Buffer.from([0, 1, 2, 255])))) },
    ];
    const { found, missed } = await probeLocalServers({ kinds, hosts: ['127.0.0.1'], timeoutMs: 2_000 });
    assert.deepEqual(found, []);
    assert.deepEqual(
      missed.map((miss) => miss.baseUrl),
      kinds.map((kind) => `http://127.0.0.1:${kind.port}`),
    );
  });

  it('lists a server that answers on both names once (localhost may be ::1, where nothing listens), and one that lists no models as found with none', async () => {
    const both = await listen(httpServer(200, 'application/json', models('m')));
    const empty = await listen(httpServer(200, 'application/json', models()));
    const kinds = [
      { name: 'both', port: both },
      { name: 'empty', port: empty },
    ];
    const { found } = await probeLocalServers({ kinds, hosts: ['127.0.0.1', 'localhost'], timeoutMs: 2_000 });
    assert.deepEqual(found, [
      { name: 'both', baseUrl: `http://127.0.0.1:${both}`, models: [{ id: 'm' }] },
      { name: 'empty', baseUrl: `http://127.0.0.1:${empty}`, models: [] },
    ]);
  });

  it('ends every probe when the caller aborts', async () => {
    const silent = await listen(createHttpServer(() => undefined));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await probeLocalServers({
      kinds: [{ name: 'silent', port: silent }],
      hosts: ['127.0.0.1'],
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    assert.deepEqual(result.found, []);
    assert.ok(Date.now() - started < 1_000);
  });
});
