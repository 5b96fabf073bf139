import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProxyAgent } from 'undici';
import { streamChat, type ChatMessage } from '../../../src/provider';
import { dispatcherFor } from '../../../src/provider/dispatcher';
import { startProtocolServer, type ProtocolServer } from '../../support/protocolServer';
import { startTestProxy, type TestProxy } from '../../support/protocolServerProxy';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../../support/protocolServerTls';
import { collect } from './collect';

const ask: ChatMessage[] = [{ role: 'user', content: '[chunks:3]' }];
// Nothing listens on port 9 of 127.0.0.1 in the test environment; a proxy there would fail the request.
const DEAD_PROXY = 'http://127.0.0.1:9';

describe('proxies', () => {
  let server: ProtocolServer;
  let tlsServer: ProtocolServer;
  let proxy: TestProxy;
  before(async () => {
    server = await startProtocolServer();
    tlsServer = await startProtocolServer({ tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } });
    proxy = await startTestProxy();
  });
  after(async () => {
    await Promise.all([server.close(), tlsServer.close(), proxy.close()]);
  });

  it('the proxy setting forwards a plain http request through the proxy', async () => {
    const before = proxy.seen.length;
    const { error, text } = await collect(
      streamChat(ask, { baseUrl: server.url, proxy: proxy.url, httpProxySetting: DEAD_PROXY }),
    );
    assert.equal(error, undefined);
    assert.equal(text, 'w0 w1 w2 ');
    assert.deepEqual(
      proxy.seen.slice(before).map((r) => [r.method, r.target]),
      [['POST', `${server.url}/api/converse-edge`]],
    );
    assert.equal(proxy.seen.at(-1)?.headers['sec-fetch-mode'], 'cors');
    assert.equal(server.requests.at(-1)?.path, '/api/converse-edge');
  });

  it('http.proxy is used when the extension has no proxy setting', async () => {
    const before = proxy.seen.length;
    const { text } = await collect(streamChat(ask, { baseUrl: server.url, proxy: ' ', httpProxySetting: proxy.url }));
    assert.equal(text, 'w0 w1 w2 ');
    assert.equal(proxy.seen.length, before + 1);
  });

  it('https goes through a CONNECT tunnel; strictSSL false accepts the self-signed certificate', async () => {
    const before = proxy.seen.length;
    const { error, text } = await collect(
      streamChat(ask, { baseUrl: tlsServer.url, proxy: proxy.url, strictSSL: false }),
    );
    assert.equal(error, undefined);
    assert.equal(text, 'w0 w1 w2 ');
    assert.deepEqual(
      proxy.seen.slice(before).map((r) => [r.method, r.target]),
      [['CONNECT', tlsServer.url.replace('https://', '')]],
    );
    assert.equal(tlsServer.requests.at(-1)?.path, '/api/converse-edge');
  });

  it('strictSSL true (the default) rejects the self-signed certificate: network, with the TLS code', async () => {
    const served = tlsServer.requests.length;
    const { error } = await collect(streamChat(ask, { baseUrl: tlsServer.url, proxy: proxy.url }));
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(tlsServer.requests.length, served);
  });

  it('the environment: http_proxy is used, and no_proxy exempts a host', async () => {
    const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    try {
      process.env.http_proxy = proxy.url;
      delete process.env.no_proxy;
      let before = proxy.seen.length;
      assert.equal((await collect(streamChat(ask, { baseUrl: server.url }))).text, 'w0 w1 w2 ');
      assert.equal(proxy.seen.length, before + 1);

      process.env.no_proxy = '127.0.0.1';
      before = proxy.seen.length;
      assert.equal((await collect(streamChat(ask, { baseUrl: server.url }))).text, 'w0 w1 w2 ');
      assert.equal(proxy.seen.length, before);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('a dispatcher passed in wins over the proxy settings', async () => {
    const before = proxy.seen.length;
    const dispatcher = new ProxyAgent({ uri: proxy.url, proxyTunnel: false });
    try {
      const { text } = await collect(streamChat(ask, { baseUrl: server.url, proxy: DEAD_PROXY, dispatcher }));
      assert.equal(text, 'w0 w1 w2 ');
      assert.equal(proxy.seen.length, before + 1);
    } finally {
      await dispatcher.close();
    }
  });

  it('an invalid proxy URL is a network error naming where it came from, without the URL', async () => {
    const { error } = await collect(streamChat(ask, { baseUrl: server.url, proxy: 'not a url' }));
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'ERR_INVALID_URL');
    assert.equal(error?.urlSource, 'proxy');
    assert.equal(error?.url, undefined);
    assert.doesNotMatch(error?.message ?? '', /not a url/);
    const fromHttpProxy = (await collect(streamChat(ask, { baseUrl: server.url, httpProxySetting: 'ftp://proxy' })))
      .error;
    assert.deepEqual([fromHttpProxy?.code, fromHttpProxy?.urlSource], ['ERR_INVALID_URL_SCHEME', 'httpProxySetting']);
    // SOCKS proxies are refused here, before a dispatcher exists: the host bundle leaves undici's SOCKS client out.
    const socks = (await collect(streamChat(ask, { baseUrl: server.url, proxy: 'socks5://127.0.0.1:1080' }))).error;
    assert.deepEqual([socks?.code, socks?.urlSource], ['ERR_INVALID_URL_SCHEME', 'proxy']);
  });

  it('dispatchers are cached by configuration', () => {
    const env = {};
    assert.equal(dispatcherFor({ proxy: proxy.url }, env), dispatcherFor({ proxy: proxy.url }, env));
    assert.notEqual(
      dispatcherFor({ proxy: proxy.url }, env),
      dispatcherFor({ proxy: proxy.url, strictSSL: false }, env),
    );
    assert.equal(dispatcherFor({}, env), dispatcherFor({ strictSSL: true }, env));
    assert.notEqual(dispatcherFor({}, env), dispatcherFor({}, { https_proxy: proxy.url }));
  });
});
