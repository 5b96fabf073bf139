// The base URL every request starts from, checked before anything is sent.
import { INVALID_URL, INVALID_URL_SCHEME, ProviderError } from './errors';

/** Why `value` is not an http(s) URL, as one of the provider's URL codes, or `undefined` when it is one. */
export function httpUrlProblem(value: string): typeof INVALID_URL | typeof INVALID_URL_SCHEME | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return INVALID_URL;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : INVALID_URL_SCHEME;
}

/** The base URL without trailing slashes, checked to be http(s) so a typo fails before a request is made. */
export function normalizeBaseUrl(baseUrl: string): string {
  const code = httpUrlProblem(baseUrl);
  if (code !== undefined) {
    throw new ProviderError('network', `baseUrl "${baseUrl}": ${code}`, { code, urlSource: 'baseUrl', url: baseUrl });
  }
  return new URL(baseUrl.trim()).href.replace(/\/+$/, '');
}
