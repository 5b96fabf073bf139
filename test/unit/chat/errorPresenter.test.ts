// The error presenter: for every kind of failure and every network code, the one sentence the user reads, the action
// offered beside it and the technical detail behind it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configError, presentError } from '../../../src/chat/errorPresenter';
import { PROVIDER_ERROR_KINDS, ProviderError, type ProviderErrorKind } from '../../../src/provider';
import type { ProviderErrorFacts } from '../../../src/provider/errors';
import { REPLY_ERROR_KINDS, type ErrorAction } from '../../../src/shared/protocol';

type Case = [kind: ProviderErrorKind, facts: ProviderErrorFacts, sentence: string, action: ErrorAction];

const KIND_CASES: Case[] = [
  [
    'rate-limited',
    { status: 429, retryAfterSeconds: 7 },
    'The chat server is limiting requests; try again in 7 seconds.',
    'retry',
  ],
  ['rate-limited', { retryAfterSeconds: 1 }, 'The chat server is limiting requests; try again in 1 second.', 'retry'],
  ['rate-limited', { retryAfterSeconds: 0 }, 'The chat server is limiting requests; try again in 1 second.', 'retry'],
  [
    'rate-limited',
    { retryAfterSeconds: 600 },
    'The chat server is limiting requests; try again in 10 minutes.',
    'retry',
  ],
  ['rate-limited', {}, 'The chat server is limiting requests; try again in a little while.', 'retry'],
  [
    'blocked',
    { status: 403 },
    'The chat server answered with a bot-check page instead of a reply, so it is blocking this client.',
    'retry',
  ],
  [
    'auth',
    { status: 401 },
    'The chat server refused the API key (HTTP 401); set a valid key for this server.',
    'setApiKey',
  ],
  [
    'auth',
    { status: 403 },
    'The chat server refused the API key (HTTP 403); set a valid key for this server.',
    'setApiKey',
  ],
  ['http', { status: 500 }, 'The chat server answered with HTTP status 500.', 'retry'],
  [
    'http',
    { status: 404 },
    'The chat server has nothing at this address (HTTP 404); check the base URL and the protocol setting.',
    'openSettings',
  ],
  ['http', {}, 'The chat server answered with an error.', 'retry'],
  [
    'timeout',
    { idleTimeoutMs: 45_000 },
    'The chat server sent nothing for 45 seconds, so the reply was given up.',
    'retry',
  ],
  [
    'timeout',
    { idleTimeoutMs: 200 },
    'The chat server sent nothing for 0.2 seconds, so the reply was given up.',
    'retry',
  ],
  [
    'timeout',
    { idleTimeoutMs: 1000 },
    'The chat server sent nothing for 1 second, so the reply was given up.',
    'retry',
  ],
  [
    'protocol',
    { status: 200, contentType: 'text/html; charset=utf-8', expectedContentType: 'text/event-stream' },
    'The chat server sent text/html instead of a chat reply; check the base URL and the protocol setting.',
    'openSettings',
  ],
  [
    'protocol',
    { status: 200, contentType: 'text/plain', expectedContentType: 'application/json' },
    'The chat server sent text/plain instead of a model list; check the base URL and the protocol setting.',
    'openSettings',
  ],
  [
    'protocol',
    { status: 200, contentType: '', expectedContentType: 'text/event-stream' },
    'The chat server sent an answer without a content type instead of a chat reply; check the base URL and the protocol setting.',
    'openSettings',
  ],
  [
    'protocol',
    {},
    'The chat server’s answer could not be read; check the base URL and the protocol setting.',
    'openSettings',
  ],
  [
    'protocol',
    { code: 'ERR_NO_MODEL_LIST' },
    'The Vitalentum protocol serves a single model and has no model list; switch the protocol to openai-compatible to choose a model.',
    'openSettings',
  ],
  ['aborted', {}, 'The request was stopped before the reply was complete.', 'retry'],
  [
    'server',
    { serverMessage: 'model overloaded', serverCode: '503' },
    'The chat server reported an error: model overloaded',
    'retry',
  ],
];

const NETWORK_CASES: [facts: ProviderErrorFacts, sentence: string, action: ErrorAction][] = [
  [
    { code: 'ECONNREFUSED' },
    'The chat server refused the connection; check the base URL and that the server is running.',
    'retry',
  ],
  [{ code: 'ECONNRESET' }, 'The connection to the chat server was reset.', 'retry'],
  [{ code: 'EPIPE' }, 'The connection to the chat server was closed while the request was being sent.', 'retry'],
  [
    { code: 'ENOTFOUND' },
    'The chat server’s host name could not be found; check the base URL and your network.',
    'openSettings',
  ],
  [{ code: 'EAI_AGAIN' }, 'The chat server’s host name could not be resolved right now; check your network.', 'retry'],
  [{ code: 'ETIMEDOUT' }, 'The connection to the chat server timed out.', 'retry'],
  [{ code: 'EHOSTUNREACH' }, 'The chat server’s host cannot be reached from this network.', 'retry'],
  [{ code: 'ENETUNREACH' }, 'The network is unreachable; check your connection.', 'retry'],
  [{ code: 'UND_ERR_SOCKET' }, 'The connection to the chat server closed unexpectedly.', 'retry'],
  [{ code: 'UND_ERR_CLOSED' }, 'The connection to the chat server closed unexpectedly.', 'retry'],
  [
    { code: 'UND_ERR_CONNECT_TIMEOUT' },
    'Connecting to the chat server took too long; check the base URL, the proxy and your network.',
    'retry',
  ],
  [
    { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    'The chat server’s TLS certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT); if a proxy or private CA is in use, check the proxy settings or http.proxyStrictSSL.',
    'openSettings',
  ],
  [
    { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    'The chat server’s TLS certificate was not accepted (ERR_TLS_CERT_ALTNAME_INVALID); if a proxy or private CA is in use, check the proxy settings or http.proxyStrictSSL.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL', urlSource: 'baseUrl', url: 'not a url' },
    'The base URL “not a url” is not a valid URL.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL_SCHEME', urlSource: 'baseUrl', url: 'ftp://example.com' },
    'The base URL “ftp://example.com” must start with http:// or https://.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL', urlSource: 'proxy' },
    'The proxy URL in the vitalentum.proxy setting is not a valid URL.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL_SCHEME', urlSource: 'httpProxySetting' },
    'The proxy URL in the http.proxy setting must start with http:// or https://.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL', urlSource: 'https_proxy' },
    'The proxy URL in the https_proxy environment variable is not a valid URL.',
    'openSettings',
  ],
  [
    { code: 'ERR_INVALID_URL_SCHEME', urlSource: 'http_proxy' },
    'The proxy URL in the http_proxy environment variable must start with http:// or https://.',
    'openSettings',
  ],
  [
    { code: 'EADDRNOTAVAIL' },
    'The request to the chat server failed; check the base URL, the proxy and your network.',
    'retry',
  ],
  [{}, 'The request to the chat server failed; check the base URL, the proxy and your network.', 'retry'],
];

describe('presentError', () => {
  for (const [kind, facts, sentence, action] of KIND_CASES) {
    it(`${kind} ${JSON.stringify(facts)}: "${sentence}" with ${action}`, () => {
      const presented = presentError(new ProviderError(kind, 'technical line', facts));
      assert.equal(presented.kind, kind);
      assert.equal(presented.message, sentence);
      assert.equal(presented.action, action);
    });
  }

  for (const [facts, sentence, action] of NETWORK_CASES) {
    it(`network ${JSON.stringify(facts)}: "${sentence}" with ${action}`, () => {
      const presented = presentError(new ProviderError('network', 'technical line', facts));
      assert.equal(presented.kind, 'network');
      assert.equal(presented.message, sentence);
      assert.equal(presented.action, action);
    });
  }

  it('covers every provider kind', () => {
    const covered = new Set<string>([...KIND_CASES.map(([kind]) => kind), 'network']);
    assert.deepEqual(
      [...PROVIDER_ERROR_KINDS].filter((kind) => !covered.has(kind)),
      [],
    );
  });

  it('says the retry time once, in the sentence, and passes Retry-After on', () => {
    const presented = presentError(
      new ProviderError('rate-limited', 'HTTP 429', { status: 429, retryAfterSeconds: 7, bodyExcerpt: 'Slow down.' }),
    );
    assert.equal(presented.retryAfterSeconds, 7);
    const said = `${presented.message}\n${presented.detail}`;
    assert.equal(said.match(/7 seconds/g)?.length, 1, said);
  });

  it('details the status, the code, the technical line and the excerpt, each once', () => {
    assert.equal(
      presentError(
        new ProviderError('blocked', 'HTTP 403 with an HTML page', { status: 403, bodyExcerpt: 'Just a moment...' }),
      ).detail,
      'HTTP 403 with an HTML page\nResponse: Just a moment...',
    );
    assert.equal(
      presentError(new ProviderError('network', 'other side closed', { code: 'UND_ERR_SOCKET' })).detail,
      'UND_ERR_SOCKET\nother side closed',
    );
    assert.equal(
      presentError(new ProviderError('protocol', 'model list is not valid JSON', { status: 200 })).detail,
      'HTTP 200\nmodel list is not valid JSON',
    );
  });

  it('reports anything else as an unreadable reply, with its message as detail', () => {
    assert.deepEqual(presentError(new TypeError('x is undefined')), {
      kind: 'protocol',
      message: 'The reply could not be read because of an unexpected error.',
      action: 'retry',
      detail: 'x is undefined',
    });
  });

  it('a config problem offers the settings', () => {
    assert.deepEqual(configError('The settings could not be read.'), {
      kind: 'config',
      message: 'The settings could not be read.',
      action: 'openSettings',
    });
  });

  it('the webview knows exactly the provider kinds and config', () => {
    assert.deepEqual([...REPLY_ERROR_KINDS], [...PROVIDER_ERROR_KINDS, 'config']);
  });
});
