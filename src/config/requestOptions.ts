// The one mapping from settings to a request, for the chat and the model list alike, and to the header's backend.
import type { ListModelsOptions, StreamOptions } from '../provider';
import type { BackendInfo } from '../shared/protocol';
import type { Settings } from './settings';

/** What a request needs beyond the messages; read fresh for every request. */
export interface RequestConfig {
  settings: Settings;
  apiKey?: string;
  /** VS Code's `http.proxy`. */
  httpProxySetting?: string;
  /** VS Code's `http.proxyStrictSSL`. */
  strictSSL: boolean;
}

/** Every option the configuration decides; a caller adds only its own signal and warning handler. */
export type RequestOptions = ListModelsOptions &
  Required<Pick<StreamOptions, 'protocol' | 'temperature' | 'extraBody' | 'strictSSL' | 'idleTimeoutMs'>> &
  Pick<StreamOptions, 'model'>;

/** The model a request names: only the OpenAI-compatible protocol sends one, and an empty setting means none. */
function requestModel(settings: Settings): string | undefined {
  return settings.protocol === 'openai-compatible' && settings.model !== '' ? settings.model : undefined;
}

/** Empty values are left out, so the provider falls back to the next source (VS Code's proxy, the environment). */
export function requestOptions(config: RequestConfig): RequestOptions {
  const { settings, apiKey, httpProxySetting, strictSSL } = config;
  const model = requestModel(settings);
  return {
    baseUrl: settings.baseUrl,
    protocol: settings.protocol,
    ...(model ? { model } : {}),
    ...(apiKey ? { apiKey } : {}),
    temperature: settings.temperature,
    extraBody: settings.extraBody,
    ...(settings.proxy ? { proxy: settings.proxy } : {}),
    ...(httpProxySetting ? { httpProxySetting } : {}),
    strictSSL,
    idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
  };
}

export function backendInfo(settings: Settings): BackendInfo {
  const model = requestModel(settings);
  return { protocol: settings.protocol, baseUrl: settings.baseUrl, ...(model ? { model } : {}) };
}
