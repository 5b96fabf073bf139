import { ProviderError } from './errors';

/** The base URL without trailing slashes, checked to be http(s) so a typo fails with a readable message. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new ProviderError('network', `The base URL “${baseUrl}” is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProviderError('network', `The base URL “${baseUrl}” must start with http:// or https://.`);
  }
  return url.href.replace(/\/+$/, '');
}
