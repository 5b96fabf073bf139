// The provider built with the shipped host bundle's options, undici's subset beside it as it ships, against the local
// test server.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import type * as Provider from '../../../src/provider';
import { STOP_DEADLINE_MS, within } from '../../support/deadline';
import { DEFAULT_MODELS, startProtocolServer, THINK_TEXT, type ProtocolServer } from '../../support/protocolServer';
import { startTestProxy, type TestProxy } from '../../support/protocolServerProxy';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../../support/protocolServerTls';

const root = process.cwd();
// Loaded at run time: bundled into this test, esbuild.js would take the test's output folder for its own `__dirname`.
const { hostOptions, undiciOptions } = createRequire(path.join(root, 'package.json'))('./esbuild.js') as {
  hostOptions: (production: boolean) => BuildOptions;
  undiciOptions: (production: boolean) => BuildOptions;
};

const ask = (content: string): Provider.ChatMessage[] => [{ role: 'user', content }];

test('undici is pinned to the exact version installed, whose internal files the host bundle is built from', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', 'undici', 'package.json'), 'utf8')) as {
    version: string;
  };
  const spec = manifest.dependencies.undici;
  assert.match(
    spec,
    /^\d+\.\d+\.\d+$/,
    `package.json allows undici "${spec}"; the subset in esbuild.js needs one version`,
  );
  assert.equal(installed.version, spec, 'the installed undici is the pinned one (run npm install)');
});

describe('the provider built as the host bundle builds it', () => {
  // A folder outside the checkout, so that the bundle cannot fall back to undici in node_modules.
  const outdir = mkdtempSync(path.join(tmpdir(), 'vitalentum-provider-bundle-'));
  let provider: typeof Provider;
  let inputs: Metafile['inputs'];
  let undiciInputs: Metafile['inputs'];
  let server: ProtocolServer;
  let tlsServer: ProtocolServer;
  let proxy: TestProxy;

  before(async () => {
    const outfile = path.join(outdir, 'provider.js');
    const result = await build({
      ...hostOptions(true),
      entryPoints: [path.join(root, 'src', 'provider', 'index.ts')],
      outfile,
    });
    inputs = result.metafile?.inputs ?? {};
    const undici = await build({ ...undiciOptions(true), outfile: path.join(outdir, 'undici.js') });
    undiciInputs = undici.metafile?.inputs ?? {};
    provider = createRequire(outfile)(outfile) as typeof Provider;
    server = await startProtocolServer();
    tlsServer = await startProtocolServer({ tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } });
    proxy = await startTestProxy();
  });
  after(async () => {
    await Promise.all([server.close(), tlsServer.close(), proxy.close()]);
    rmSync(outdir, { recursive: true, force: true });
  });

  /** Reads a stream to its end or its failure; the bundle has its own ProviderError class. */
  async function read(
    stream: Provider.ChatStream,
    onChunk?: () => void,
  ): Promise<{ text: string; error?: Provider.ProviderError }> {
    let text = '';
    try {
      for await (const chunk of stream) {
        text += chunk;
        onChunk?.();
      }
    } catch (error) {
      if (!(error instanceof provider.ProviderError)) throw error;
      return { text, error };
    }
    return { text };
  }

  it('takes undici from the subset beside it rather than from its package entry', () => {
    const hostUndici = Object.keys(inputs).filter((file) => file.includes('undici'));
    assert.deepEqual(hostUndici, [], 'undici is not in the host bundle');
    const files = Object.keys(undiciInputs);
    assert.ok(files.includes('undici-subset:undici'), 'the subset module is bundled');
    assert.ok(!files.includes('node_modules/undici/index.js'), 'undici’s package entry is not bundled');
  });

  it('streams a Vitalentum-protocol reply, to its end marker', async () => {
    const stream = provider.streamChat(ask('[echo] Hello from the bundled «undici»!'), { baseUrl: server.url });
    assert.deepEqual(await read(stream), { text: 'Hello from the bundled «undici»!' });
    assert.equal(stream.endReason, 'done');
  });

  it('streams an OpenAI-compatible reply and lists the models', async () => {
    const options = { baseUrl: server.url, protocol: 'openai-compatible' as const };
    const stream = provider.streamChat(ask('[chunks:50]'), { ...options, model: 'vitalentum-demo' });
    const expected = Array.from({ length: 50 }, (_, i) => `w${i} `).join('');
    assert.deepEqual(await read(stream), { text: expected });
    assert.deepEqual(
      await provider.listModels(options),
      DEFAULT_MODELS.map((id) => ({ id })),
    );
  });

  it('reads reasoning, a <think> block, the finish reason, usage and error events; retries without stream_options', async () => {
    const reasoning: string[] = [];
    const stream = provider.streamChat(
      ask('[refuse-stream-options] [shape:llamacpp] [cr] [reasoning:1] [think] [finish:length] [usage] [chunks:2]'),
      { baseUrl: server.url, protocol: 'openai-compatible', onReasoning: (text) => reasoning.push(text) },
    );
    assert.deepEqual(await read(stream), { text: 'w0 w1 ' });
    assert.equal(reasoning.join(''), `r0 ${THINK_TEXT}`);
    assert.deepEqual([stream.finishReason, stream.usage], ['length', { promptTokens: 42, completionTokens: 2 }]);
    const failed = await read(provider.streamChat(ask('[stream-error] [chunks:5]'), { baseUrl: server.url }));
    assert.deepEqual(
      [failed.text, failed.error?.kind, failed.error?.serverMessage],
      ['w0 w1 w2 ', 'server', 'model overloaded'],
    );
  });

  it('reports an HTTP error with its status and Retry-After', async () => {
    const { text, error } = await read(provider.streamChat(ask('[fault:429]'), { baseUrl: server.url }));
    assert.equal(text, '');
    assert.deepEqual([error?.kind, error?.status, error?.retryAfterSeconds], ['rate-limited', 429, 7]);
  });

  it('stops mid-reply when aborted, and the server sees the connection close', async () => {
    // A server of its own: the others keep the earlier tests' idle connections open for reuse.
    const own = await startProtocolServer();
    try {
      const controller = new AbortController();
      // 400 chunks 100 ms apart: about 40 s to end by itself.
      const stream = provider.streamChat(ask('[chunks:400] [pace:100]'), {
        baseUrl: own.url,
        signal: controller.signal,
      });
      const reading = read(stream, () => controller.abort());
      const { text, error } = await within(STOP_DEADLINE_MS, 'the end of the aborted stream', reading);
      assert.equal(text, 'w0 ');
      assert.equal(error?.kind, 'aborted');
      await own.allConnectionsClosed(STOP_DEADLINE_MS);
    } finally {
      await own.close();
    }
  });

  it('connects over TLS (strictSSL false accepts the self-signed certificate)', async () => {
    const stream = provider.streamChat(ask('[chunks:3]'), { baseUrl: tlsServer.url, strictSSL: false });
    assert.deepEqual(await read(stream), { text: 'w0 w1 w2 ' });
  });

  it('goes through the proxy setting, and through http_proxy from the environment', async () => {
    const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    const before = proxy.seen.length;
    try {
      const viaSetting = provider.streamChat(ask('[chunks:3]'), { baseUrl: server.url, proxy: proxy.url });
      assert.deepEqual(await read(viaSetting), { text: 'w0 w1 w2 ' });
      process.env.http_proxy = proxy.url;
      delete process.env.no_proxy;
      assert.deepEqual(await read(provider.streamChat(ask('[chunks:2]'), { baseUrl: server.url })), {
        text: 'w0 w1 ',
      });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    assert.deepEqual(
      proxy.seen.slice(before).map((r) => r.target),
      [`${server.url}/api/converse-edge`, `${server.url}/api/converse-edge`],
    );
  });
});
