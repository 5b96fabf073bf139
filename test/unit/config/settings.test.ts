import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, validateSettings } from '../../../src/config/settings';
import { normalizeBaseUrl } from '../../../src/provider';

describe('validateSettings', () => {
  it('returns the defaults when nothing is set', () => {
    const { settings, problems } = validateSettings({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('keeps valid values, reads the protocol from the provider key and trims a trailing slash from the base URL', () => {
    const { settings, problems } = validateSettings({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:11434/',
      model: 'llama3.2',
      temperature: 0,
      extraBody: { top_p: 0.9 },
      proxy: 'http://proxy.local:3128',
      idleTimeoutSeconds: 5,
      systemPrompt: 'Be brief.',
      contextWindowTokens: 4096,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      protocol: 'openai-compatible',
      baseUrl: 'http://localhost:11434',
      model: 'llama3.2',
      temperature: 0,
      extraBody: { top_p: 0.9 },
      proxy: 'http://proxy.local:3128',
      idleTimeoutSeconds: 5,
      systemPrompt: 'Be brief.',
      contextWindowTokens: 4096,
    });
  });

  it('takes a context window of 0 (ask the server) and refuses one that is negative, fractional or not a number', () => {
    assert.equal(validateSettings({ contextWindowTokens: 0 }).settings.contextWindowTokens, 0);
    for (const bad of [-1, 1.5, '8192', Number.NaN]) {
      const { settings, problems } = validateSettings({ contextWindowTokens: bad, systemPrompt: 42 });
      assert.equal(settings.contextWindowTokens, 0, String(bad));
      assert.equal(settings.systemPrompt, '');
      assert.deepEqual(
        problems.map((p) => p.key),
        ['systemPrompt', 'contextWindowTokens'],
      );
    }
  });

  it('replaces a negative timeout and a non-object extraBody by their defaults, one problem each', () => {
    const { settings, problems } = validateSettings({ idleTimeoutSeconds: -5, extraBody: [1, 2], temperature: 0.2 });
    assert.equal(settings.idleTimeoutSeconds, 60);
    assert.deepEqual(settings.extraBody, {});
    assert.equal(settings.temperature, 0.2);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['extraBody', 'idleTimeoutSeconds'],
    );
    assert.match(problems[1].message, /vitalentum\.idleTimeoutSeconds .*using the default \(60\)/);
  });

  it('rejects URLs that are not http(s), an unknown provider and a temperature out of range', () => {
    const { settings, problems } = validateSettings({
      baseUrl: 'ftp://example.com',
      proxy: 'socks5://x',
      provider: 'gpt',
      temperature: 3,
    });
    assert.equal(settings.baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.equal(settings.proxy, '');
    assert.equal(settings.protocol, 'vitalentum');
    assert.equal(settings.temperature, 0.7);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['provider', 'baseUrl', 'temperature', 'proxy'],
    );
    assert.match(problems[0].message, /^vitalentum\.provider must be "vitalentum" or "openai-compatible"/);
  });

  it('takes the base URL as requests use it: the same URL rule, its canonical form, no trailing slashes', () => {
    const raw = ' HTTP://Example.COM:80/chat// ';
    assert.deepEqual(validateSettings({ baseUrl: raw }), {
      settings: { ...DEFAULT_SETTINGS, baseUrl: 'http://example.com/chat' },
      problems: [],
    });
    assert.equal(normalizeBaseUrl(raw), 'http://example.com/chat');
    assert.match(validateSettings({ baseUrl: 'localhost:11434' }).problems[0]?.message ?? '', /vitalentum\.baseUrl/);
  });

  it('does not share the default extraBody object between results', () => {
    const first = validateSettings({}).settings;
    first.extraBody.mutated = true;
    assert.deepEqual(validateSettings({}).settings.extraBody, {});
  });
});
