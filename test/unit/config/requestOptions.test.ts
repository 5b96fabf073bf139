// The one mapping from settings to a request: every setting where the provider reads it, the model rule, the defaults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendInfo, requestOptions, type RequestConfig } from '../../../src/config/requestOptions';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../../src/config/settings';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TEMPERATURE } from '../../../src/provider';

function config(
  settings: Partial<Settings>,
  rest: Omit<RequestConfig, 'settings'> = { strictSSL: true },
): RequestConfig {
  return { settings: { ...DEFAULT_SETTINGS, ...settings }, ...rest };
}

describe('requestOptions', () => {
  it('maps every setting, the API key and VS Code’s proxy settings to the provider’s options', () => {
    const { settings } = validateSettings({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:11434/',
      model: 'llama3.2',
      temperature: 0.2,
      extraBody: { top_p: 0.9 },
      proxy: 'http://proxy.local:3128',
      idleTimeoutSeconds: 5,
    });
    assert.deepEqual(
      requestOptions({ settings, apiKey: 'sk-1', httpProxySetting: 'http://corp:8080', strictSSL: false }),
      {
        baseUrl: 'http://localhost:11434',
        protocol: 'openai-compatible',
        model: 'llama3.2',
        apiKey: 'sk-1',
        temperature: 0.2,
        extraBody: { top_p: 0.9 },
        proxy: 'http://proxy.local:3128',
        httpProxySetting: 'http://corp:8080',
        strictSSL: false,
        idleTimeoutMs: 5000,
      },
    );
  });

  it('gives the provider its own defaults when nothing is set', () => {
    assert.deepEqual(requestOptions(config({})), {
      baseUrl: DEFAULT_SETTINGS.baseUrl,
      protocol: 'vitalentum',
      temperature: DEFAULT_TEMPERATURE,
      extraBody: {},
      strictSSL: true,
      idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
    });
  });

  it('leaves out an empty proxy setting and no key, so the provider falls back to the next source', () => {
    const options = requestOptions(config({ proxy: '' }, { apiKey: '', httpProxySetting: '', strictSSL: true }));
    assert.equal('proxy' in options, false);
    assert.equal('apiKey' in options, false);
    assert.equal('httpProxySetting' in options, false);
  });

  for (const [settings, model] of [
    [{ protocol: 'openai-compatible', model: 'qwen' }, 'qwen'],
    [{ protocol: 'openai-compatible', model: '' }, undefined],
    [{ protocol: 'vitalentum', model: 'qwen' }, undefined],
  ] as const) {
    it(`names model ${model ?? 'none'} for ${settings.protocol} with the setting "${settings.model}", in requests and the header`, () => {
      const request = requestOptions(config(settings));
      const shown = backendInfo(config(settings).settings);
      assert.equal(request.model, model);
      assert.equal(shown.model, model);
      assert.equal('model' in request, model !== undefined);
      assert.deepEqual(shown, {
        protocol: settings.protocol,
        baseUrl: DEFAULT_SETTINGS.baseUrl,
        ...(model ? { model } : {}),
      });
    });
  }
});
